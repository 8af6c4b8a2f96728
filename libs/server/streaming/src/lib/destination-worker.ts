import type { EventStore } from '@trailmark/event-store';
import { batchesOf, type RunnerLogger } from '@trailmark/projections';
import type { Pool } from 'pg';
import { abortableSleep } from './abortable-sleep';
import { DEFAULT_BACKOFF } from './backoff';
import { type DeliverySettings, deliverBatch } from './batch-delivery';
import { readDestinationCheckpoint } from './delivery-log';
import type { DestinationConfig } from './destination-config';
import { destinationWants } from './destination-filter';

export interface WorkerOptions extends Partial<DeliverySettings> {
  /** How often a standby tries to take over, and the pause after a failure. */
  retryMs?: number;
  /** How long a batch waits for more events before it is sent. */
  lingerMs?: number;
  logger?: RunnerLogger;
}

export interface RunningWorker {
  readonly destinationId: string;
  /** True while this process holds the destination's lock and delivers. */
  isActive(): boolean;
  stop(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Streams the workspace's events to one destination, in global order, from
 * the destination's own checkpoint, for as long as this process holds the
 * destination's advisory lock (one worker per destination across processes);
 * otherwise stands by. A batch is re-sent until it is delivered, never
 * skipped, so delivery is at least once and in order. Stopping abandons the
 * batch in flight, which the next run sends again.
 */
export function runDestinationWorker(store: EventStore, pool: Pool, destination: DestinationConfig, options: WorkerOptions = {}): RunningWorker {
  const { retryMs = 1000, lingerMs = 50, logger } = options;
  const settings: DeliverySettings = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    allowPrivate: options.allowPrivate ?? false,
    random: options.random ?? Math.random,
  };
  const stopping = new AbortController();
  const signal = stopping.signal;
  let active = false;

  async function runWhileLeader(): Promise<void> {
    const lockClient = await pool.connect();
    const lost = new AbortController();
    const onError = () => lost.abort();
    lockClient.on('error', onError);
    try {
      const { rows } = await lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS locked', [`streaming:${destination.destinationId}`]);
      if (!rows[0].locked) return;
      active = true;
      await deliverFromCheckpoint(AbortSignal.any([signal, lost.signal]));
    } finally {
      active = false;
      if (!lost.signal.aborted) await lockClient.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      lockClient.off('error', onError);
      lockClient.release(lost.signal.aborted || undefined);
    }
  }

  async function deliverFromCheckpoint(runSignal: AbortSignal): Promise<void> {
    const after = await readDestinationCheckpoint(pool, destination.destinationId);
    const subscription = store.subscribeToAll({ after, batchSize: destination.batchSize });
    const close = () => void subscription.close();
    runSignal.addEventListener('abort', close);
    // Stopped while connecting, locking or reading the checkpoint: the listener came too late to fire.
    if (runSignal.aborted) close();
    const wants = destinationWants(destination.workspaceId, destination);
    try {
      for await (const page of batchesOf(subscription, destination.batchSize, lingerMs)) {
        const events = page.filter(wants);
        if (events.length > 0 && !(await deliverBatch({ store, pool, destination, settings, signal: runSignal }, events))) break;
        if (runSignal.aborted) break;
      }
    } finally {
      runSignal.removeEventListener('abort', close);
      await subscription.close();
    }
  }

  const loop = (async () => {
    while (!signal.aborted) {
      try {
        await runWhileLeader();
      } catch (error) {
        logger?.error({ err: error }, `Streaming to ${destination.destinationId} failed; resuming from its checkpoint`);
      }
      await abortableSleep(retryMs, signal);
    }
  })();

  return {
    destinationId: destination.destinationId,
    isActive: () => active,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
