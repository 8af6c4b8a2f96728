import type { EventStore, Position, RecordedEvent } from '@trailmark/event-store';
import { escapeIdentifier as ident, type Pool, type PoolClient } from 'pg';
import { saveCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { inTransaction } from '../projection-runner';
import { lockCheckpoint } from './checkpoint-lock';
import { createShadowTables, shadowSchemaName, swapShadowTables } from './shadow-tables';

export interface RebuildProgress {
  projection: string;
  phase: 'replaying' | 'swapping' | 'done';
  /** Events applied to the new tables so far. */
  applied: number;
  /** Position of the last event applied. */
  position?: Position;
}

export interface RebuildOptions {
  batchSize?: number;
  /** Called after each batch and at each phase; awaited. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface RebuildResult {
  projection: string;
  applied: number;
  /** The projection's checkpoint after the swap; undefined when there was nothing to apply. */
  checkpoint?: Position;
}

/** A rebuild that cannot start or must not swap; the old tables are untouched. */
export class RebuildError extends Error {
  override name = 'RebuildError';
}

interface Rebuild {
  store: EventStore;
  projection: Projection;
  tables: readonly string[];
  schema: string;
  batchSize: number;
  progress: RebuildProgress;
  report(): Promise<void>;
}

/**
 * Replays a projection from the first event into fresh copies of its tables
 * (in schema `rebuild_<name>`) while the old ones keep serving reads and the
 * live runner keeps them current, then swaps the copies in:
 *
 * 1. a session lock makes this the only rebuild of the projection;
 * 2. the shadow schema is created afresh, so a rebuild that died half way
 *    simply starts over;
 * 3. batches are applied each in its own transaction with the shadow schema
 *    first on the search path, where the projection's unqualified table
 *    names find the copies;
 * 4. once caught up, one transaction takes the checkpoint lock (the live
 *    runner's next batch waits for it), applies the tail, swaps the tables
 *    and sets the checkpoint. The live runner then finds its checkpoint moved
 *    and resumes from the new one, on the new tables.
 */
export async function rebuildProjection(store: EventStore, pool: Pool, projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
  const { batchSize = 1000, onProgress } = options;
  if (!projection.tables?.length) throw new RebuildError(`Projection ${projection.name} does not declare its tables, so it cannot be rebuilt`);
  const progress: RebuildProgress = { projection: projection.name, phase: 'replaying', applied: 0 };
  const rebuild: Rebuild = {
    store,
    projection,
    tables: projection.tables,
    schema: shadowSchemaName(projection.name),
    batchSize,
    progress,
    report: async () => onProgress?.({ ...progress }),
  };
  await whileLocked(pool, `rebuild:${projection.name}`, async (guard) => {
    await createShadowTables(guard, rebuild.schema, rebuild.tables);
    await rebuild.report();
    await replay(rebuild, (events) => inTransaction(pool, (client) => applyToCopies(rebuild, client, events)));
    progress.phase = 'swapping';
    await rebuild.report();
    await inTransaction(pool, (client) => swapIn(rebuild, client));
  });
  progress.phase = 'done';
  await rebuild.report();
  return { projection: projection.name, applied: progress.applied, checkpoint: progress.position };
}

async function whileLocked(pool: Pool, key: string, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS locked', [key]);
    if (!rows[0].locked) throw new RebuildError(`Another rebuild of ${key.slice('rebuild:'.length)} is running`);
    try {
      await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7))', [key]).catch(() => (broken = true));
    }
  } finally {
    client.release(broken);
  }
}

/** Reads `$all` from where the rebuild is to the end, in batches. */
async function replay(rebuild: Rebuild, apply: (events: RecordedEvent[]) => Promise<void>): Promise<void> {
  const { store, projection, batchSize, progress } = rebuild;
  for (;;) {
    const events = await store.readAll({ after: progress.position, maxCount: batchSize, filter: projection.filter });
    if (events.length > 0) {
      await apply(events);
      progress.applied += events.length;
      progress.position = events[events.length - 1].position;
      await rebuild.report();
    }
    if (events.length < batchSize) return;
  }
}

async function applyToCopies(rebuild: Rebuild, client: PoolClient, events: RecordedEvent[]): Promise<void> {
  await client.query(`SET LOCAL search_path = ${ident(rebuild.schema)}, public`);
  await rebuild.projection.apply(client, events);
}

async function swapIn(rebuild: Rebuild, client: PoolClient): Promise<void> {
  const { projection, progress } = rebuild;
  const live = await lockCheckpoint(client, projection.name);
  await replay(rebuild, (events) => applyToCopies(rebuild, client, events));
  if (live !== undefined && (progress.position === undefined || progress.position < live)) {
    throw new RebuildError(`The rebuild of ${projection.name} ended at ${progress.position ?? 'the start'}, behind the live checkpoint ${live}; nothing was swapped`);
  }
  await swapShadowTables(client, rebuild.schema, rebuild.tables);
  if (progress.position !== undefined) await saveCheckpoint(client, projection.name, progress.position);
}
