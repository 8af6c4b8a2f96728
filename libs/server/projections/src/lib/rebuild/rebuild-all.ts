import type { AllFilter, EventStore, Position, RecordedEvent } from '@trailmark/event-store';
import type { Pool, PoolClient } from 'pg';
import type { Projection } from '../projection';
import { inTransaction } from '../projection-runner';
import { DEFAULT_REBUILD_BATCH_SIZE, type RebuildOptions } from './rebuild-projection';
import {
  advance,
  applyToCopies,
  finishCopies,
  prepareShadowTables,
  rebuildResult,
  type RebuildResult,
  rebuildTarget,
  swapIn,
  whileLocked,
} from './rebuild-steps';

/**
 * Rebuilds several projections from one read of the event log, as
 * `rebuildProjection` rebuilds one: each page of `$all` goes to every
 * projection whose filter keeps any of it, each applying in its own
 * transaction on its own connection, side by side, while the next page is
 * read. Then the copies of all are made whole side by side, what arrived
 * meanwhile is applied, and they are swapped in one after the other (each
 * swap applies its own tail). Progress is reported per projection.
 */
export async function rebuildProjections(store: EventStore, pool: Pool, projections: readonly Projection[], options: RebuildOptions = {}): Promise<RebuildResult[]> {
  const { batchSize = DEFAULT_REBUILD_BATCH_SIZE, onProgress } = options;
  const targets = projections.map((projection) => rebuildTarget(projection, onProgress));
  let scannedTo: Position | undefined;
  await whileLocked(pool, projections.map(({ name }) => name), async (guard) => {
    for (const target of targets) {
      await prepareShadowTables(guard, target);
      await target.report();
    }
    const matchers = targets.map((target) => filterMatcher(target.projection.filter));
    const applyAll = (events: RecordedEvent[]) =>
      settleAll(
        targets.map(async (target, i) => {
          const kept = matchers[i] ? events.filter(matchers[i]) : events;
          if (kept.length === 0) return;
          await inTransaction(pool, (client) => applyToCopies(target, client, kept));
          await advance(target, kept);
        }),
      );
    scannedTo = await readOnce(store, undefined, batchSize, applyAll);
    // Each on its own connection: index builds and table rewrites of different projections run side by side.
    await settleAll(targets.map((target) => withClient(pool, (client) => finishCopies(client, target))));
    // What arrived meanwhile, so that each swap has only a short tail to apply under the checkpoint lock.
    scannedTo = (await readOnce(store, scannedTo, batchSize, applyAll)) ?? scannedTo;
    for (const target of targets) {
      target.progress.phase = 'swapping';
      await target.report();
      await inTransaction(pool, (client) => swapIn(store, guard, target, client, scannedTo, batchSize));
      target.progress.phase = 'done';
      await target.report();
    }
  });
  return targets.map(rebuildResult);
}

/** Waits for all of them, so none is left running on the guard's lock when one fails; then fails with the first failure. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

async function withClient(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await work(client);
  } finally {
    client.release();
  }
}

/**
 * Reads `$all` after `after` to the end in pages, the next page read while
 * the last one is applied; returns the position of the last event read.
 */
async function readOnce(store: EventStore, after: Position | undefined, batchSize: number, apply: (events: RecordedEvent[]) => Promise<void>): Promise<Position | undefined> {
  let last: Position | undefined;
  let next = store.readAll({ after, maxCount: batchSize });
  for (;;) {
    const events = await next;
    if (events.length === batchSize) next = store.readAll({ after: events[events.length - 1].position, maxCount: batchSize });
    if (events.length > 0) {
      last = events[events.length - 1].position;
      await apply(events).catch(async (error: unknown) => {
        await next.catch(() => undefined);
        throw error;
      });
    }
    if (events.length < batchSize) return last;
  }
}

/** The filter as a test of one event, as the store applies it; undefined when it keeps everything. */
export function filterMatcher(filter: AllFilter | undefined): ((event: RecordedEvent) => boolean) | undefined {
  const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  if (!prefixes && !types) return undefined;
  return (event) => (!types || types.has(event.type)) && (!prefixes || prefixes.some((prefix) => event.streamName.startsWith(prefix)));
}
