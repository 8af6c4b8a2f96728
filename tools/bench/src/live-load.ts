import type { IngestEvent } from '@trailmark/contracts';
import { loadEventId } from './live-receipts';

export interface LoadOptions {
  /** Events per second, sent in requests of `batch` events spread evenly over the second. */
  rate: number;
  seconds: number;
  batch: number;
  /** Tickets T-0 … T-(tickets-1) the events are about. */
  tickets: number;
  /** Requests an earlier load already sent: this one goes on from there, with new event ids. */
  after?: number;
}

export interface LoadResult {
  /** Requests sent, failed or not. */
  requests: number;
  accepted: number;
  failedRequests: number;
  seconds: number;
  /** Requests that started later than planned because earlier ones were still in flight. */
  lateRequests: number;
}

const ACTIONS = ['ticket.status_changed', 'ticket.assigned', 'comment.added'] as const;
const MAX_IN_FLIGHT = 32;

/** Host events through `POST /v1/events` at a fixed rate, the requests alternating between the api nodes. */
export async function ingestAtRate(nodes: readonly string[], apiKey: string, options: LoadOptions): Promise<LoadResult> {
  const interval = (options.batch / options.rate) * 1000;
  const requests = Math.round((options.rate * options.seconds) / options.batch);
  const inFlight = new Set<Promise<void>>();
  const result: LoadResult = { requests, accepted: 0, failedRequests: 0, seconds: 0, lateRequests: 0 };
  const started = performance.now();
  for (let k = 0; k < requests; k += 1) {
    const due = started + k * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= MAX_IN_FLIGHT) {
      result.lateRequests += 1;
      await Promise.race(inFlight);
    }
    const request = send(nodes[k % nodes.length], apiKey, events((options.after ?? 0) + k, options)).then(
      (accepted) => void (result.accepted += accepted),
      () => void (result.failedRequests += 1),
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function send(url: string, apiKey: string, body: IngestEvent[]): Promise<number> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: body }),
  });
  if (!response.ok) throw new Error(`Ingestion answered ${response.status}`);
  return ((await response.json()) as { accepted: number }).accepted;
}

function events(request: number, { batch, tickets }: LoadOptions): IngestEvent[] {
  return Array.from({ length: batch }, (_, i) => {
    const n = request * batch + i;
    const ticket = `T-${(n * 7919) % tickets}`;
    const action = ACTIONS[n % ACTIONS.length];
    const base = { id: loadEventId(n), action, actor: { id: `user-${n % 50}`, name: `User ${n % 50}` }, target: { type: 'ticket', id: ticket, name: `Ticket ${ticket}` } };
    if (action === 'comment.added') return { ...base, details: { commentId: `c-${n}`, body: 'Looked into it, waiting on the customer.' } };
    const field = action === 'ticket.assigned' ? 'assignee' : 'status';
    return { ...base, changes: [{ field, from: 'open', to: 'pending' }] };
  });
}
