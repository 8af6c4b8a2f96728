import type { ApiErrorBody, IngestEvent, IngestRequest, IngestResponse } from '@trailmark/contracts';
import { parseRetryAfter } from './backoff';

/** What one `POST /v1/events` came to, as far as the sender needs to know. */
export type PostOutcome =
  | { kind: 'accepted'; response: IngestResponse }
  | { kind: 'retryable'; reason: string; retryAfterMs?: number }
  | { kind: 'too_large'; body: ApiErrorBody }
  | { kind: 'rejected'; status: number; body: ApiErrorBody };

export interface TransportConfig {
  eventsUrl: string;
  apiKey: string;
  requestTimeoutMs: number;
  fetch: typeof fetch;
}

export async function postEvents(config: TransportConfig, events: IngestEvent[], signal: AbortSignal): Promise<PostOutcome> {
  const body: IngestRequest = { events };
  let response: Response;
  try {
    response = await config.fetch(config.eventsUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(config.requestTimeoutMs)]),
    });
  } catch (error) {
    return { kind: 'retryable', reason: describeNetworkError(error) };
  }
  const text = await response.text().catch(() => '');
  const { status } = response;
  if (status === 202 || status === 200) return { kind: 'accepted', response: readIngestResponse(text, events) };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retryable', reason: `HTTP ${status}`, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
  }
  const errorBody = readErrorBody(text, status, response.statusText);
  return status === 413 ? { kind: 'too_large', body: errorBody } : { kind: 'rejected', status, body: errorBody };
}

/** A 202 whose body is unreadable still means the batch was stored; count every event as accepted. */
function readIngestResponse(text: string, events: IngestEvent[]): IngestResponse {
  const parsed = parseJson(text) as Partial<IngestResponse> | undefined;
  if (parsed && typeof parsed.accepted === 'number' && typeof parsed.duplicates === 'number') {
    return { results: Array.isArray(parsed.results) ? parsed.results : [], accepted: parsed.accepted, duplicates: parsed.duplicates };
  }
  return { results: events.map((event) => ({ id: event.id ?? '', status: 'accepted' })), accepted: events.length, duplicates: 0 };
}

function readErrorBody(text: string, status: number, statusText: string): ApiErrorBody {
  const parsed = parseJson(text) as Partial<ApiErrorBody> | undefined;
  if (parsed && typeof parsed.message === 'string') {
    return { statusCode: parsed.statusCode ?? status, error: parsed.error ?? statusText, message: parsed.message, ...(parsed.issues && { issues: parsed.issues }) };
  }
  return { statusCode: status, error: statusText, message: text.slice(0, 500) || statusText };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name === 'TimeoutError' ? 'request timed out' : error.message}${cause}`;
}
