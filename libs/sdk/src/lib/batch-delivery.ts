import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestEvent } from '@trailmark/contracts';
import { type RetryPolicy, retryDelay } from './backoff';
import { type DeliveryFailureKind, TrailmarkDeliveryError } from './errors';
import { postEvents, type TransportConfig } from './ingest-transport';

export interface DeliveryCounters {
  requests: number;
  retries: number;
  accepted: number;
  duplicates: number;
  failed: number;
}

export interface DeliveryContext {
  transport: TransportConfig;
  retry: RetryPolicy;
  /** Aborted when shutdown stops waiting: pending waits end and what is left is dropped. */
  giveUp: AbortSignal;
  report: (error: TrailmarkDeliveryError) => void;
  counters: DeliveryCounters;
  random?: () => number;
}

/**
 * Sends one batch until the API has it, retrying network errors, 5xx and 429
 * with the same event ids (the API is idempotent on them). A 413 splits the
 * batch in halves sent one after the other; any other 4xx drops the batch.
 * Never throws: every dropped event reaches `report`.
 */
export async function deliverBatch(events: IngestEvent[], context: DeliveryContext): Promise<void> {
  const { retry, giveUp, counters } = context;
  const drop = (kind: DeliveryFailureKind, message: string, status?: number, body?: TrailmarkDeliveryError['body']) => {
    counters.failed += events.length;
    context.report(new TrailmarkDeliveryError(kind, events, message, status, body));
  };
  for (let attempt = 1; ; attempt += 1) {
    if (giveUp.aborted) return drop('shutdown', 'Trailmark client shut down before delivery');
    counters.requests += 1;
    const outcome = await postEvents(context.transport, events, giveUp);
    switch (outcome.kind) {
      case 'accepted':
        counters.accepted += outcome.response.accepted;
        counters.duplicates += outcome.response.duplicates;
        return;
      case 'rejected':
        return drop('rejected', `Trailmark refused the batch: HTTP ${outcome.status} ${outcome.body.message}`, outcome.status, outcome.body);
      case 'too_large':
        if (events.length === 1) return drop('too_large', 'Trailmark refused an event too large to send', 413, outcome.body);
        await deliverBatch(events.slice(0, Math.ceil(events.length / 2)), context);
        await deliverBatch(events.slice(Math.ceil(events.length / 2)), context);
        return;
      case 'retryable':
        if (giveUp.aborted) return drop('shutdown', `Trailmark client shut down while retrying (${outcome.reason})`);
        if (attempt >= retry.attempts) return drop('retries_exhausted', `Trailmark delivery failed after ${attempt} attempts: ${outcome.reason}`);
        counters.retries += 1;
        await sleep(retryDelay(attempt - 1, outcome.retryAfterMs, retry, context.random), undefined, { signal: giveUp }).catch(() => undefined);
        break;
      default: {
        const unknown: never = outcome;
        throw new Error(`Unknown delivery outcome ${JSON.stringify(unknown)}`);
      }
    }
  }
}
