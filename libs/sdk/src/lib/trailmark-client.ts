import { randomUUID } from 'node:crypto';
import type { IngestEvent } from '@trailmark/contracts';
import { bindActions } from './action-spec';
import { resolveClientOptions, type TrailmarkClientOptions } from './client-options';
import { createDeliveryQueue, type QueueStats } from './delivery-queue';
import { TrailmarkClosedError, TrailmarkInvalidEventError } from './errors';
import { ingestEventIssues } from './event-shape';
import { installShutdownHooks, type ShutdownHookOptions } from './shutdown-hooks';
import { TYPED_ACTION_SPECS, type TypedActions } from './typed-actions';

export interface TrailmarkClientStats extends QueueStats {
  /** Events accepted by `track`. */
  tracked: number;
}

export interface ShutdownOptions {
  /** Stop waiting after this long: retries stop and undelivered events go to `onError` as `shutdown`. */
  timeoutMs?: number;
}

export type TrailmarkClient = TypedActions<string> & {
  /** Queues one event and returns its id (the given one or a new UUID). Throws when the event is malformed, the queue is full or the client is shut down. */
  track(event: IngestEvent): string;
  /** Resolves once every event tracked before the call is delivered or reported to `onError`. */
  flush(): Promise<void>;
  /** Flushes, waits for requests in flight, and refuses further events. Safe to call more than once. */
  shutdown(options?: ShutdownOptions): Promise<void>;
  /** Calls `shutdown` on SIGTERM, SIGINT and beforeExit; returns a function that removes the hooks. */
  installShutdownHooks(options?: ShutdownHookOptions): () => void;
  readonly stats: TrailmarkClientStats;
};

export function createTrailmarkClient(options: TrailmarkClientOptions): TrailmarkClient {
  const queue = createDeliveryQueue(resolveClientOptions(options));
  let tracked = 0;
  let shutdownPromise: Promise<void> | undefined;

  // The id and time are fixed here, so a retried batch carries the same ids and the time of the fact.
  function track(event: IngestEvent): string {
    if (shutdownPromise) throw new TrailmarkClosedError();
    const issues = ingestEventIssues(event);
    if (issues.length > 0) throw new TrailmarkInvalidEventError(issues);
    const id = event.id ?? randomUUID();
    queue.push({ ...event, id, occurredAt: event.occurredAt ?? new Date().toISOString() });
    tracked += 1;
    return id;
  }

  const client: TrailmarkClient = {
    ...bindActions(TYPED_ACTION_SPECS, track),
    track,
    flush: () => queue.flush(),
    shutdown: ({ timeoutMs } = {}) => (shutdownPromise ??= queue.close(timeoutMs)),
    installShutdownHooks: (hookOptions) => installShutdownHooks(client, hookOptions),
    get stats() {
      return { ...queue.stats(), tracked };
    },
  };
  return client;
}
