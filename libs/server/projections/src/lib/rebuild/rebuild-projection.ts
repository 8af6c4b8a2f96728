import type { EventStore, RecordedEvent } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { inTransaction } from '../projection-runner';
import type { Projection } from '../projection';
import {
  applyToCopies,
  finishCopies,
  prepareShadowTables,
  rebuildResult,
  type RebuildProgress,
  type RebuildResult,
  rebuildTarget,
  replayFrom,
  swapIn,
  whileLocked,
} from './rebuild-steps';

export { RebuildError, type RebuildProgress, type RebuildResult } from './rebuild-steps';

export interface RebuildOptions {
  batchSize?: number;
  /** Called after each batch and at each phase; awaited. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

/** Events per replayed batch: larger than the live runner's, as a rebuild's batches hold up no reader and no other writer. */
export const DEFAULT_REBUILD_BATCH_SIZE = 5000;

/**
 * Replays a projection from the first event into fresh copies of its tables
 * (in schema `rebuild_<name>`) while the old ones keep serving reads and the
 * live runner keeps them current, then swaps the copies in:
 *
 * 1. a session lock makes this the only rebuild of the projection;
 * 2. the shadow schema is created afresh, so a rebuild that died half way
 *    simply starts over; the copies start unlogged and without secondary
 *    indexes (see `createShadowTables`);
 * 3. batches are applied each in its own transaction (see `applyToCopies`);
 * 4. once caught up, the copies are made whole, and one transaction
 *    applies the tail and swaps the tables in (see `swapIn`).
 */
export async function rebuildProjection(store: EventStore, pool: Pool, projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
  const { batchSize = DEFAULT_REBUILD_BATCH_SIZE, onProgress } = options;
  const target = rebuildTarget(projection, onProgress);
  const { progress } = target;
  await whileLocked(pool, [projection.name], async (guard) => {
    await prepareShadowTables(guard, target);
    await target.report();
    const applyBatch = (events: RecordedEvent[]) => inTransaction(pool, (client) => applyToCopies(target, client, events));
    await replayFrom(store, target, undefined, batchSize, applyBatch);
    await finishCopies(guard, target);
    // What arrived meanwhile, so that the swap has only a short tail to apply under the checkpoint lock.
    progress.phase = 'replaying';
    await replayFrom(store, target, progress.position, batchSize, applyBatch);
    progress.phase = 'swapping';
    await target.report();
    await inTransaction(pool, (client) => swapIn(store, guard, target, client, progress.position, batchSize));
  });
  progress.phase = 'done';
  await target.report();
  return rebuildResult(target);
}
