import type { EventStore, Position, RecordedEvent } from '@trailmark/event-store';
import type { Pool, PoolClient } from 'pg';
import { batchesOf } from './batches';
import { readCheckpoint, saveCheckpointAndCommit } from './checkpoints';
import type { Projection } from './projection';
import { beginAtCheckpoint } from './rebuild/checkpoint-lock';

const DEFAULT_BATCH_SIZE = 2000;
const DEFAULT_LINGER_MS = 5;

export interface RunnerLogger {
  info(message: string): void;
  error(details: object, message: string): void;
}

export interface RunnerOptions {
  /**
   * Most events per batch (and per catch-up read). Large enough that a
   * catch-up costs few transactions and round trips, small enough that two
   * pages in memory (one applied, one read ahead) stay modest.
   */
  batchSize?: number;
  lingerMs?: number;
  /** How often a standby tries to take over, and the pause after a failure. */
  retryMs?: number;
  logger?: RunnerLogger;
}

export interface RunningProjection {
  readonly name: string;
  /** True while this process holds the projection's lock and applies events. */
  isActive(): boolean;
  stop(): Promise<void>;
}

/**
 * Runs one projection for as long as this process holds its advisory lock;
 * otherwise stands by and retries. Each batch commits its read-model changes
 * and the checkpoint in one transaction, so a crash mid-batch rolls back both
 * and the next run starts again after the last committed batch. A batch
 * commits only while the checkpoint is still the one it started from (see
 * `beginAtCheckpoint`), which lets a rebuild swap its tables in under a live runner.
 */
export function runProjection(store: EventStore, pool: Pool, projection: Projection, options: RunnerOptions = {}): RunningProjection {
  const { batchSize = DEFAULT_BATCH_SIZE, retryMs = 1000, logger } = options;
  const { lingerMs = DEFAULT_LINGER_MS } = options;
  let stopped = false;
  let active = false;
  let closeSubscription: (() => Promise<void>) | undefined;
  let wake: (() => void) | undefined;

  const pause = () => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, retryMs);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  async function runWhileLeader(): Promise<void> {
    const lockClient = await pool.connect();
    let lockLost = false;
    const onLockClientError = () => {
      lockLost = true;
      void closeSubscription?.();
    };
    lockClient.on('error', onLockClientError);
    try {
      const { rows } = await lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS locked', [
        `projection:${projection.name}`,
      ]);
      if (!rows[0].locked) return;
      active = true;
      logger?.info(`Projection ${projection.name} is active`);
      let checkpoint = await readCheckpoint(pool, projection.name);
      const subscription = store.subscribeToAll({ after: checkpoint, filter: projection.filter, batchSize, minReadIntervalMs: projection.readIntervalMs });
      closeSubscription = () => subscription.close();
      // stop() may have come while the lock or checkpoint was being read, before there was a subscription to close.
      if (stopped) await subscription.close();
      for await (const batch of batchesOf(subscription, batchSize, lingerMs)) {
        if (stopped || lockLost) break;
        const last = batch[batch.length - 1].position;
        // Leaving the loop waits for the subscription's pending read, which only a new event would end: close it first.
        const applied = await applyBatch(pool, projection, checkpoint, batch).catch(async (error: unknown) => {
          await subscription.close();
          throw error;
        });
        if (!applied) {
          logger?.info(`Projection ${projection.name}: its checkpoint moved (a rebuild was swapped in, or another runner applied the batch); resuming from it`);
          await subscription.close();
          break;
        }
        checkpoint = last;
      }
    } finally {
      active = false;
      closeSubscription = undefined;
      if (!lockLost) await lockClient.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      lockClient.off('error', onLockClientError);
      lockClient.release(lockLost || undefined);
    }
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        await runWhileLeader();
      } catch (error) {
        logger?.error({ err: error }, `Projection ${projection.name} failed; restarting from its checkpoint`);
      }
      if (!stopped) await pause();
    }
  })();

  return {
    name: projection.name,
    isActive: () => active,
    async stop() {
      stopped = true;
      wake?.();
      await closeSubscription?.();
      await loop;
    },
  };
}

/**
 * Applies one batch and moves the checkpoint to its last event, in one
 * transaction that commits only while the checkpoint is still `from`; false
 * when it was not. Three round trips for a batch whose projection takes one:
 * BEGIN goes with the checkpoint lock and read, COMMIT with the save.
 */
async function applyBatch(pool: Pool, projection: Projection, from: Position | undefined, batch: RecordedEvent[]): Promise<boolean> {
  const client = await pool.connect();
  try {
    if ((await beginAtCheckpoint(client, projection.name)) !== from) {
      await client.query('ROLLBACK');
      return false;
    }
    await projection.apply(client, batch);
    await saveCheckpointAndCommit(client, projection.name, batch[batch.length - 1].position);
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction on a pooled connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
