import type { EventStore, Position, RecordedEvent } from '@trailmark/event-store';
import { escapeIdentifier as ident, type Pool, type PoolClient } from 'pg';
import { saveCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { lockCheckpoint } from './checkpoint-lock';
import { createShadowTables, finishShadowTables, shadowSchemaName, swapShadowTables } from './shadow-tables';

export interface RebuildProgress {
  projection: string;
  phase: 'replaying' | 'indexing' | 'swapping' | 'done';
  /** Events applied to the new tables so far. */
  applied: number;
  /** Position of the last event applied. */
  position?: Position;
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

/** One projection being rebuilt: its shadow schema, what remains to make its copies whole, and how far it got. */
export interface RebuildTarget {
  projection: Projection;
  tables: readonly string[];
  schema: string;
  /** What makes the copies whole once filled (see `createShadowTables`). */
  finishing: string[];
  progress: RebuildProgress;
  report(): Promise<void>;
}

export function rebuildTarget(projection: Projection, onProgress?: (progress: RebuildProgress) => void | Promise<void>): RebuildTarget {
  if (!projection.tables?.length) throw new RebuildError(`Projection ${projection.name} does not declare its tables, so it cannot be rebuilt`);
  const progress: RebuildProgress = { projection: projection.name, phase: 'replaying', applied: 0 };
  return {
    projection,
    tables: projection.tables,
    schema: shadowSchemaName(projection.name),
    finishing: [],
    progress,
    report: async () => onProgress?.({ ...progress }),
  };
}

export const rebuildResult = ({ projection, progress }: RebuildTarget): RebuildResult => ({
  projection: projection.name,
  applied: progress.applied,
  checkpoint: progress.position,
});

export async function prepareShadowTables(guard: PoolClient, target: RebuildTarget): Promise<void> {
  target.finishing = await createShadowTables(guard, target.schema, target.tables);
}

/**
 * Holds a session lock per key for the whole of `work` on one connection
 * (the guard), so that each projection has one rebuild at a time.
 */
export async function whileLocked(pool: Pool, projections: readonly string[], work: (guard: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  const keys = projections.map((name) => `rebuild:${name}`);
  let broken = false;
  const onError = () => (broken = true);
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ locked: boolean[] }>(
      'SELECT array_agg(pg_try_advisory_lock(hashtextextended(k, 7)) ORDER BY n) AS locked FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n)',
      [keys],
    );
    try {
      const busy = projections.filter((_, i) => !rows[0].locked[i]);
      if (busy.length > 0) throw new RebuildError(`Another rebuild of ${busy.join(', ')} is running`);
      await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => (broken = true));
    }
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * Applies a batch to the copies: the shadow schema first on the search path,
 * where the projection's unqualified table names find them. The commit does
 * not wait for the WAL flush: a rebuild keeps its progress in memory only, so
 * one whose database crashed is never resumed but started over (the swap
 * checks its guard connection survived, see `swapIn`), and the tables it
 * wrote are dropped.
 */
export async function applyToCopies(target: RebuildTarget, client: PoolClient, events: RecordedEvent[]): Promise<void> {
  await client.query(`SET LOCAL search_path = ${ident(target.schema)}, public; SET LOCAL synchronous_commit = off`);
  await target.projection.apply(client, events);
}

/** Notes a batch applied to the copies. */
export async function advance(target: RebuildTarget, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  target.progress.applied += events.length;
  target.progress.position = events[events.length - 1].position;
  await target.report();
}

/** Reads the projection's events after `after` to the end, in batches, and hands each to `apply`. */
export async function replayFrom(store: EventStore, target: RebuildTarget, after: Position | undefined, batchSize: number, apply: (events: RecordedEvent[]) => Promise<void>): Promise<void> {
  for (let from = after; ; ) {
    const events = await store.readAll({ after: from, maxCount: batchSize, filter: target.projection.filter });
    if (events.length > 0) {
      await apply(events);
      await advance(target, events);
      from = events[events.length - 1].position;
    }
    if (events.length < batchSize) return;
  }
}

/** Makes the copies logged and builds their secondary indexes, before the swap so that its transaction stays short. */
export async function finishCopies(client: PoolClient, target: RebuildTarget): Promise<void> {
  target.progress.phase = 'indexing';
  await target.report();
  await finishShadowTables(client, target.finishing);
  target.finishing = [];
}

/**
 * Swaps the copies in, inside the caller's transaction: takes the checkpoint
 * lock (the live runner's next batch waits for it), applies the tail read
 * after `scannedTo`, swaps the tables and sets the checkpoint. The live
 * runner then finds its checkpoint moved and resumes from the new one, on
 * the new tables. Committed durably, and only while the guard connection
 * lives: a database that crashed during the replay may have lost batches
 * committed without waiting for the flush, and it closed the guard too.
 */
export async function swapIn(store: EventStore, guard: PoolClient, target: RebuildTarget, client: PoolClient, scannedTo: Position | undefined, batchSize: number): Promise<void> {
  const { projection, progress } = target;
  const live = await lockCheckpoint(client, projection.name);
  await replayFrom(store, target, scannedTo, batchSize, (events) => applyToCopies(target, client, events));
  if (live !== undefined && (progress.position === undefined || progress.position < live)) {
    throw new RebuildError(`The rebuild of ${projection.name} ended at ${progress.position ?? 'the start'}, behind the live checkpoint ${live}; nothing was swapped`);
  }
  await guard.query('SELECT 1').catch(() => {
    throw new RebuildError(`The rebuild of ${projection.name} lost its database session (did the database restart?); nothing was swapped`);
  });
  await client.query('SET LOCAL synchronous_commit = on');
  await swapShadowTables(client, target.schema, target.tables);
  if (progress.position !== undefined) await saveCheckpoint(client, projection.name, progress.position);
}
