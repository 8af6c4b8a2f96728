import type { IngestEvent } from '@trailmark/contracts';
import { deliverBatch, type DeliveryContext, type DeliveryCounters } from './batch-delivery';
import type { ClientConfig } from './client-options';
import { type TrailmarkDeliveryError, TrailmarkQueueFullError } from './errors';

export interface QueueStats extends DeliveryCounters {
  /** Events waiting to be sent. */
  queued: number;
  /** Events taken from the queue into a request, counted once however often it was retried. */
  sent: number;
}

export interface DeliveryQueue {
  /** Throws TrailmarkQueueFullError when `maxQueue` events already wait. */
  push(event: IngestEvent): void;
  /** Resolves once everything pushed before the call is delivered or reported. */
  flush(): Promise<void>;
  /** Flushes; after `timeoutMs`, stops retrying and reports what is left as `shutdown`. */
  close(timeoutMs?: number): Promise<void>;
  stats(): QueueStats;
}

/**
 * The queue behind a client: sends a batch as soon as `batchSize` events
 * wait, and everything waiting once `flushIntervalMs` has passed since the
 * first of them arrived.
 */
export function createDeliveryQueue(config: ClientConfig): DeliveryQueue {
  const queue: IngestEvent[] = [];
  const counters: DeliveryCounters = { requests: 0, retries: 0, accepted: 0, duplicates: 0, failed: 0 };
  const giveUp = new AbortController();
  const delivery: DeliveryContext = { transport: config, retry: config.retry, giveUp: giveUp.signal, counters, report: guarded(config.onError) };
  // Events are numbered as they are pushed; a flush waits until every number up to its target is settled.
  let pushed = 0;
  let taken = 0;
  let settled = 0;
  let flushTarget = 0;
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;

  const hasWork = () => queue.length >= config.batchSize || (queue.length > 0 && taken < flushTarget);

  // One request in flight per client: batches reach the API in tracking order
  // and a retried batch is never overtaken. With 500 events a request and a
  // round trip of a few ms, that still carries tens of thousands of events a
  // second, more than a host produces; concurrency would buy little and cost order.
  async function drain(): Promise<void> {
    while (hasWork()) {
      const batch = queue.splice(0, config.batchSize);
      taken += batch.length;
      await deliverBatch(batch, delivery);
      settled += batch.length;
    }
  }

  function pump(): Promise<void> {
    if (!sending) {
      const run = drain().finally(() => {
        if (sending === run) sending = undefined;
      });
      sending = run;
    }
    return sending;
  }

  async function flushUpTo(target: number): Promise<void> {
    flushTarget = Math.max(flushTarget, target);
    // A drain may be finishing as we ask; loop until our events are settled.
    while (settled < target) await pump();
  }

  return {
    push(event) {
      if (queue.length >= config.maxQueue) throw new TrailmarkQueueFullError(config.maxQueue);
      queue.push(event);
      pushed += 1;
      if (queue.length >= config.batchSize) void pump();
      // unref: a pending flush alone does not keep the process alive; the beforeExit hook flushes.
      timer ??= setTimeout(() => {
        timer = undefined;
        void flushUpTo(pushed);
      }, config.flushIntervalMs).unref();
    },
    flush: () => flushUpTo(pushed),
    async close(timeoutMs) {
      clearTimeout(timer);
      const giveUpTimer = timeoutMs === undefined ? undefined : setTimeout(() => giveUp.abort(), timeoutMs);
      await flushUpTo(pushed);
      clearTimeout(giveUpTimer);
    },
    stats: () => ({ ...counters, queued: queue.length, sent: taken }),
  };
}

/** A throwing onError must not stop delivery of the batches behind this one. */
function guarded(onError: (error: TrailmarkDeliveryError) => void): (error: TrailmarkDeliveryError) => void {
  return (error) => {
    try {
      onError(error);
    } catch {
      // Nothing more can be done with the error; the next batches still go.
    }
  };
}
