import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody } from '@trailmark/contracts';
import type { ActorRef } from '../lib/action-spec';
import type { PageViewInput, RelatedRecord } from '../lib/activity-actions';
import { TrailmarkClosedError, TrailmarkQueueFullError } from '../lib/errors';
import { parsePageViewBody } from './page-view-body';

type Awaitable<T> = T | Promise<T>;

export interface PageViewHandlerOptions {
  /** The host's signed-in user behind the request; null or undefined skips the view (answered 204, not tracked). */
  resolveActor(req: IncomingMessage): Awaitable<ActorRef | null | undefined>;
  /** Defaults to the socket's address. Behind a proxy, read X-Forwarded-For the way the host trusts it. */
  resolveIp?(req: IncomingMessage): string | undefined;
  /** The record the page shows, if any, e.g. parsed from the URL. */
  resolveRecord?(url: string, req: IncomingMessage): RelatedRecord | undefined;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
}

export type PageViewHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The server half of page-view tracking: a plain Node `(req, res)` handler the
 * host mounts where the snippet posts (e.g. `/trailmark/page-view`). It checks
 * the body, works out who is looking, and tracks `page.viewed` through the
 * client, which holds the API key. 204 when done; 4xx for a bad request.
 */
export function createPageViewHandler(client: { pages: { viewed(input: PageViewInput): string } }, options: PageViewHandlerOptions): PageViewHandler {
  const { resolveActor, resolveIp = (req) => req.socket.remoteAddress, resolveRecord, maxBodyBytes = 16 * 1024 } = options;
  return async (req, res) => {
    try {
      if (req.method !== 'POST') return sendError(res, 405, 'Only POST is allowed', { allow: 'POST' });
      if (req.headers['sec-fetch-site'] === 'cross-site') return sendError(res, 403, 'Page views are accepted from the same site only');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendError(res, 415, 'Content-Type must be application/json');
      const body = await readJsonBody(req, maxBodyBytes);
      if (body === TOO_LARGE) return sendError(res, 413, `The body exceeds ${maxBodyBytes} bytes`, { connection: 'close' });
      const parsed = parsePageViewBody(body);
      if (!parsed.ok) return sendError(res, 400, 'Invalid page view', {}, parsed.issues);
      const actor = await resolveActor(req);
      if (actor) {
        const { url, title } = parsed.value;
        const userAgent = req.headers['user-agent'];
        client.pages.viewed({ actor, url, title, ip: resolveIp(req), userAgent, record: resolveRecord?.(url, req) });
      }
      res.writeHead(204).end();
    } catch (error) {
      if (error instanceof SyntaxError) return sendError(res, 400, 'The body is not valid JSON');
      if (error instanceof TrailmarkQueueFullError || error instanceof TrailmarkClosedError) return sendError(res, 503, error.message);
      sendError(res, 500, 'Page view could not be recorded');
    }
  };
}

const TOO_LARGE = Symbol('too large');

async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  // A body parser (Express's json()) may already have read the stream.
  const preParsed = (req as { body?: unknown }).body;
  if (preParsed !== undefined) return preParsed;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function sendError(res: ServerResponse, statusCode: number, message: string, headers: Record<string, string> = {}, issues?: ApiErrorBody['issues']): void {
  const body: ApiErrorBody = { statusCode, error: STATUS_ERRORS[statusCode] ?? 'Error', message, ...(issues && { issues }) };
  res.writeHead(statusCode, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const STATUS_ERRORS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
