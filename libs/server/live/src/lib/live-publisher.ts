import { ACTIVITY_FEED_PROJECTION, readCheckpoint, STATS_PROJECTION } from '@trailmark/projections';
import type { Notification, Pool, PoolClient } from 'pg';
import type { LiveBatch, LiveBatchSink } from './live-batch';
import { feedRowsAfter } from './live-feed.reader';

/** Where the checkpoint trigger announces each committed batch (migration CheckpointNotify). */
export const CHECKPOINTS_CHANNEL = 'trailmark_checkpoints';
const WATCHED = new Set([ACTIVITY_FEED_PROJECTION, STATS_PROJECTION]);

export interface PublisherLogger {
  info(message: string): void;
  warn(details: object, message: string): void;
}

export interface LivePublisherOptions {
  pool: Pool;
  send: LiveBatchSink;
  /** Publishers sharing one bus (Redis): only the holder of an advisory lock publishes, the others stand by. */
  exclusive: boolean;
  /** An empty batch after this long without one, so nodes notice a lost batch soon. */
  heartbeatMs?: number;
  /** How often a standby tries to take over, and the pause after a failure. */
  retryMs?: number;
  batchSize?: number;
  logger?: PublisherLogger;
}

export interface RunningPublisher {
  isActive(): boolean;
  stop(): Promise<void>;
}

/**
 * Follows the activity feed as the projection commits it (woken by the
 * checkpoint trigger, with the heartbeat as the fallback) and sends each new
 * run of rows, in position order, as one chained batch. A send that fails is
 * not retried: the chain moves on and the nodes catch up from the database.
 */
export function startLivePublisher(options: LivePublisherOptions): RunningPublisher {
  const { pool, exclusive, heartbeatMs = 1000, retryMs = 1000, batchSize = 500, logger } = options;
  let stopped = false;
  let active = false;
  let pending = false;
  let wake: (() => void) | undefined;
  const nudge = () => {
    pending = true;
    wake?.();
  };
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pending || stopped) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      wake = done;
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
    });
  const send = sendQuietly(options.send, logger);

  async function publishWhileHolding(client: PoolClient, isBroken: () => boolean): Promise<void> {
    if (exclusive && !(await tryLock(client))) return;
    await client.query(`LISTEN ${CHECKPOINTS_CHANNEL}`);
    active = true;
    logger?.info('The live publisher is active');
    let statsAt = (await readCheckpoint(client, STATS_PROJECTION)) ?? null;
    let last: string = (await readCheckpoint(client, ACTIVITY_FEED_PROJECTION)) ?? '';
    await send({ prev: null, last, items: [], statsAt });
    let sentAt = Date.now();
    while (!stopped && !isBroken()) {
      pending = false;
      const items = await feedRowsAfter(client, last, batchSize);
      const counted = (await readCheckpoint(client, STATS_PROJECTION)) ?? null;
      if (items.length > 0 || counted !== statsAt || Date.now() - sentAt >= heartbeatMs) {
        const batch: LiveBatch = { prev: last, last: items.at(-1)?.item.position ?? last, items, statsAt: counted };
        await send(batch);
        [last, statsAt, sentAt] = [batch.last, counted, Date.now()];
      }
      if (items.length < batchSize) await rest(heartbeatMs - (Date.now() - sentAt));
    }
  }

  async function runOnce(): Promise<void> {
    const client = await pool.connect();
    let broken = false;
    const onError = () => {
      broken = true;
      nudge();
    };
    const onNotification = (message: Notification) => message.channel === CHECKPOINTS_CHANNEL && WATCHED.has(message.payload ?? '') && nudge();
    client.on('error', onError);
    client.on('notification', onNotification);
    try {
      await publishWhileHolding(client, () => broken);
    } finally {
      active = false;
      client.off('notification', onNotification);
      client.off('error', onError);
      // Closing the connection ends its LISTEN and releases the lock.
      client.release(true);
    }
  }

  const loop = (async () => {
    while (!stopped) {
      await runOnce().catch((error: unknown) => logger?.warn({ err: error }, 'The live publisher failed; starting again'));
      pending = false;
      await rest(retryMs);
    }
  })();

  return {
    isActive: () => active,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

async function tryLock(client: PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('live-publisher', 7)) AS locked");
  return rows[0].locked;
}

/** Logs the first failure of a run of them, and the recovery. */
function sendQuietly(send: LiveBatchSink, logger: PublisherLogger | undefined): LiveBatchSink {
  let failing = false;
  return async (batch) => {
    try {
      await send(batch);
      if (failing) logger?.info('The live publisher can send again; nodes catch up what they missed');
      failing = false;
    } catch (error) {
      if (!failing) logger?.warn({ err: error }, 'The live publisher could not send a batch; nodes will catch up from the database');
      failing = true;
    }
  };
}
