import type { ApiErrorBody, IngestEvent } from '@trailmark/contracts';

/** Thrown by `track` when `maxQueue` events are already waiting: the caller decides what to do with the fact. */
export class TrailmarkQueueFullError extends Error {
  constructor(readonly maxQueue: number) {
    super(`Trailmark queue is full (${maxQueue} events waiting); the event was not tracked`);
    this.name = 'TrailmarkQueueFullError';
  }
}

/** Thrown by `track` after `shutdown()`. */
export class TrailmarkClosedError extends Error {
  constructor() {
    super('Trailmark client is shut down; the event was not tracked');
    this.name = 'TrailmarkClosedError';
  }
}

/** Thrown by `track` for an event the API would refuse, so one bad event never sinks a whole batch. */
export class TrailmarkInvalidEventError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid Trailmark event: ${issues.join('; ')}`);
    this.name = 'TrailmarkInvalidEventError';
  }
}

/**
 * Why events were dropped:
 * - `rejected`: the API refused the batch (400, 401, 403 or another 4xx); `body` says why;
 * - `too_large`: one event alone exceeds the API's body limit (413);
 * - `retries_exhausted`: network errors, 5xx or 429 outlasted the retry budget;
 * - `shutdown`: `shutdown({ timeoutMs })` gave up before they could be delivered.
 */
export type DeliveryFailureKind = 'rejected' | 'too_large' | 'retries_exhausted' | 'shutdown';

/** Passed to `onError` with the dropped events, so the host can keep them elsewhere. */
export class TrailmarkDeliveryError extends Error {
  constructor(
    readonly kind: DeliveryFailureKind,
    readonly events: IngestEvent[],
    message: string,
    readonly status?: number,
    readonly body?: ApiErrorBody,
  ) {
    super(`${message} (${events.length} event${events.length === 1 ? '' : 's'} dropped)`);
    this.name = 'TrailmarkDeliveryError';
  }
}
