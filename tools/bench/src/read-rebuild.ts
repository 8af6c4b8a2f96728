import { createPostgresEventStore, type AllFilter } from '@trailmark/event-store';
import { type Projection, readCheckpoint, runProjection } from '@trailmark/projections';
import type { Pool } from 'pg';
import { progressBar } from './measure';

export interface ProjectionRebuild {
  name: string;
  /** Events its filter lets through. */
  events: number;
  /** Until its checkpoint reached its last event. */
  seconds: number;
  perSecond: number;
}

export interface RebuildResult {
  projections: ProjectionRebuild[];
  /** Every event in the store over the wall time of all projections together. */
  overall: { events: number; seconds: number; perSecond: number };
}

const POLL_MS = 100;
/** A projection that makes no progress for this long has failed; the bench says so instead of waiting for ever. */
const STALL_MS = 120_000;

/**
 * Runs every projection from an empty checkpoint, all at once as the projector
 * does (one pool of the projector's size), until each checkpoint reaches the
 * last event its filter matches.
 */
export async function measureRebuild(pool: Pool, projections: readonly Projection[], storeEvents: number): Promise<RebuildResult> {
  const goals = await Promise.all(projections.map(async (projection) => ({ projection, ...(await lastMatching(pool, projection.filter)) })));
  const applied = new Map(projections.map((projection) => [projection.name, 0]));
  const failures: string[] = [];
  const store = createPostgresEventStore(pool);
  const bar = progressBar('Rebuilding projections', goals.reduce((sum, goal) => sum + goal.events, 0));
  const started = Date.now();
  const running = goals.map(({ projection }) =>
    runProjection(store, pool, counted(projection, (n) => applied.set(projection.name, (applied.get(projection.name) ?? 0) + n)), {
      logger: { info: () => undefined, error: (details, message) => failures.push(`${message}: ${String((details as { err?: unknown }).err)}`) },
    }),
  );
  const finished = new Map<string, number>();
  try {
    let lastProgress = { at: Date.now(), applied: 0 };
    while (finished.size < goals.length) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      for (const { projection, position } of goals) {
        if (finished.has(projection.name)) continue;
        if (await hasReached(pool, projection.name, position)) finished.set(projection.name, (Date.now() - started) / 1000);
      }
      const total = [...applied.values()].reduce((sum, n) => sum + n, 0);
      bar.update(total);
      if (total > lastProgress.applied) lastProgress = { at: Date.now(), applied: total };
      if (Date.now() - lastProgress.at > STALL_MS) {
        const waiting = goals.filter(({ projection }) => !finished.has(projection.name)).map(({ projection }) => projection.name);
        throw new Error(`No projection progress for ${STALL_MS / 1000} s; still waiting for ${waiting.join(', ')}. ${failures.slice(-3).join(' | ')}`);
      }
    }
  } finally {
    bar.stop();
    await Promise.all(running.map((projection) => projection.stop()));
    await store.close();
  }
  const seconds = Math.max(...finished.values());
  if (failures.length > 0) process.stderr.write(`Projection failures during the rebuild (retried from checkpoints):\n  ${failures.slice(0, 5).join('\n  ')}\n`);
  return {
    projections: goals.map(({ projection, events }) => {
      const took = finished.get(projection.name) ?? seconds;
      return { name: projection.name, events, seconds: took, perSecond: events / took };
    }),
    overall: { events: storeEvents, seconds, perSecond: storeEvents / seconds },
  };
}

/**
 * Waits until the checkpoint of each of `runners` (run by another process,
 * such as the API's notification reactors, which start from the first event)
 * has reached the last stored event its filter matches; returns the seconds
 * it took. Timings taken meanwhile would measure that catch-up, not the queries.
 */
export async function waitForCheckpoints(pool: Pool, runners: ReadonlyArray<Pick<Projection, 'name' | 'filter'>>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const goals = await Promise.all(runners.map(async ({ name, filter }) => ({ name, position: (await lastMatching(pool, filter)).position })));
  for (;;) {
    const behind: string[] = [];
    for (const { name, position } of goals) {
      if (!(await hasReached(pool, name, position))) behind.push(name);
    }
    if (behind.length === 0) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`Still catching up after ${timeoutMs / 1000} s: ${behind.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Whether a runner's checkpoint is at or past `position` (always, when its filter matches no stored event). */
async function hasReached(pool: Pool, name: string, position: string | undefined): Promise<boolean> {
  if (!position) return true;
  const checkpoint = await readCheckpoint(pool, name);
  return checkpoint !== undefined && checkpoint >= position;
}

/** The same projection, reporting how many events each committed batch held. */
function counted(projection: Projection, onApplied: (events: number) => void): Projection {
  return {
    ...projection,
    async apply(client, events) {
      await projection.apply(client, events);
      onApplied(events.length);
    },
  };
}

/** How many stored events a filter lets through, and the position of the last (in the store's own position format). */
async function lastMatching(pool: Pool, filter: AllFilter | undefined): Promise<{ events: number; position: string | undefined }> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter?.eventTypes?.length) where.push(`event_type = ANY($${values.push(filter.eventTypes)}::text[])`);
  if (filter?.streamPrefixes?.length) where.push(`EXISTS (SELECT 1 FROM unnest($${values.push(filter.streamPrefixes)}::text[]) AS p WHERE starts_with(stream_name, p))`);
  const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [count, last] = await Promise.all([
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM es_events ${condition}`, values),
    pool.query<{ pos: string }>(
      `SELECT lpad(tx_id::text, 20, '0') || ':' || lpad(position::text, 20, '0') AS pos FROM es_events ${condition} ORDER BY tx_id DESC, position DESC LIMIT 1`,
      values,
    ),
  ]);
  return { events: count.rows[0].n, position: last.rows[0]?.pos };
}
