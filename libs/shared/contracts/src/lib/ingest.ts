import type { EventResult } from './envelope';

/** Most events one `POST /v1/events` request may carry. */
export const MAX_EVENTS_PER_REQUEST = 1000;

/** One activity reported by a host application. */
export interface IngestEvent {
  /** Client-generated idempotency id; a retried event with the same id is stored once. */
  id?: string;
  /** Host action such as `ticket.assigned`; unknown actions are kept as generic activity. */
  action: string;
  /** ISO 8601; defaults to the time Trailmark receives the event. */
  occurredAt?: string;
  actor: { id: string; name: string; type?: string };
  target?: { type: string; id: string; name?: string; url?: string };
  changes?: Array<{ field: string; from?: unknown; to?: unknown }>;
  context?: { ip?: string; userAgent?: string };
  result?: EventResult;
  details?: Record<string, unknown>;
}

export interface IngestRequest {
  events: IngestEvent[];
}

export type IngestOutcome = 'accepted' | 'duplicate';

/** Body of the 202 answer: one outcome per event, in request order. */
export interface IngestResponse {
  results: Array<{ id: string; status: IngestOutcome }>;
  accepted: number;
  duplicates: number;
}

/** Body of every 4xx answer. `issues` names each bad field by its path, e.g. `events.3.actor.id`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: Array<{ path: string; message: string }>;
}
