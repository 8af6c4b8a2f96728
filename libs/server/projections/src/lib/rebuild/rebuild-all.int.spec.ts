import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type Position, type ReadAllOptions } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { ACTIVITY_FEED_PROJECTION, activityFeedProjection } from '../activity-feed/activity-feed.projection';
import { readCheckpoint, waitForCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { runProjection, type RunningProjection } from '../projection-runner';
import { filterMatcher, rebuildProjections } from './rebuild-all';
import { RebuildError, type RebuildProgress } from './rebuild-steps';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let live: RunningProjection[];
let feedHead: Position;
const reads: ReadAllOptions[] = [];

/** Not idempotent on purpose: an event applied twice, or lost, across the swap shows in the count. */
const counting: Projection = {
  name: 'counting',
  filter: { streamPrefixes: ['count-'] },
  tables: ['event_counts'],
  async apply(client, events) {
    for (const event of events) {
      await client.query('INSERT INTO event_counts (stream, n) VALUES ($1, 1) ON CONFLICT (stream) DO UPDATE SET n = event_counts.n + 1', [event.streamName]);
    }
  },
};

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 14);
  const inner = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  store = Object.assign(Object.create(inner) as EventStore, {
    readAll: (options: ReadAllOptions = {}) => {
      reads.push(options);
      return inner.readAll(options);
    },
  });
  await pool.query('CREATE TABLE event_counts (stream text CONSTRAINT event_counts_key PRIMARY KEY, n int NOT NULL CHECK (n > 0))');
  live = [activityFeedProjection, counting].map((projection) => runProjection(inner, pool, projection, { retryMs: 50, batchSize: 40 }));
  for (const [i, ws] of ['wsa', 'wsb'].entries()) {
    const events = Array.from({ length: 45 }, (_, n) => ({
      id: randomUUID(),
      type: 'TicketCommented',
      data: { recordType: 'ticket', recordId: `T-${n % 4}`, n },
      metadata: { workspaceId: ws, actor: { kind: 'user', id: `u${n % 3}`, name: 'Ada' }, occurredAt: new Date(Date.UTC(2026, 6 + i + (n % 3), 1 + (n % 27), n % 24)).toISOString() },
    }));
    feedHead = (await inner.appendToStream(`ticket-${ws}.T-${i}`, events)).position;
  }
  expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, feedHead)).toBe(true);
}, 60_000);

afterAll(async () => {
  await Promise.all(live?.map((projection) => projection.stop()) ?? []);
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const feedRows = async () => (await pool.query('SELECT * FROM activity_feed ORDER BY position')).rows;
const feedIndexes = async () => (await pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'activity_feed' ORDER BY 1`)).rows;
const countedTotal = async () => (await pool.query<{ total: number }>('SELECT coalesce(sum(n), 0)::int AS total FROM event_counts')).rows[0].total;

async function appendCounted(stream: string, count: number): Promise<Position> {
  const events = Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'Counted', data: { n }, metadata: { workspaceId: 'platform' } }));
  return (await store.appendToStream(`count-${stream}`, events)).position;
}

describe('rebuildProjections', () => {
  it('replays the log once for every projection, keeps counting exactly while events arrive, and swaps in tables equal to the old ones', async () => {
    const counted = await appendCounted('a', 30);
    expect(await waitForCheckpoint(pool, 'counting', counted)).toBe(true);
    const before = await feedRows();
    const indexes = await feedIndexes();
    let total = 30;
    let head = counted;
    const seen: RebuildProgress[] = [];
    reads.length = 0;
    const results = await rebuildProjections(store, pool, [activityFeedProjection, counting], {
      batchSize: 25,
      onProgress: async (progress) => {
        seen.push(progress);
        if (progress.projection === 'counting' && progress.phase === 'replaying' && progress.applied > 0) {
          head = await appendCounted('b', 4);
          total += 4;
        }
      },
    });
    // One read per page of the log for both projections, then each swap reads its own tail: the feed's unfiltered, the counter's filtered.
    const pages = reads.filter((read) => read.filter === undefined);
    expect(pages.every((read) => read.maxCount === 25)).toBe(true);
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(120 / 25) + 1);
    expect(pages.length).toBeLessThanOrEqual(Math.floor((120 + total) / 25) + 2);
    expect(reads.filter((read) => read.filter !== undefined)).toEqual([expect.objectContaining({ filter: counting.filter, maxCount: 25 })]);
    // The feed takes every event (a platform one makes no row) and ends at the last; the counter only its own.
    expect(results).toEqual([
      { projection: ACTIVITY_FEED_PROJECTION, applied: 90 + total, checkpoint: head },
      { projection: 'counting', applied: total, checkpoint: head },
    ]);
    expect(await feedRows()).toEqual(before);
    expect(await feedIndexes()).toEqual(indexes);
    // The counter's copy was filled unlogged; what was swapped in is logged, as the table it replaced.
    expect((await pool.query(`SELECT relpersistence FROM pg_class WHERE oid = 'public.event_counts'::regclass`)).rows).toEqual([{ relpersistence: 'p' }]);
    expect(seen.filter((progress) => progress.projection === ACTIVITY_FEED_PROJECTION).map(({ phase }) => phase).filter((phase, i, all) => phase !== all[i - 1])).toEqual(['replaying', 'indexing', 'swapping', 'done']);
    const last = await appendCounted('c', 1);
    expect(await waitForCheckpoint(pool, 'counting', last, 10_000)).toBe(true);
    expect(await countedTotal()).toBe(total + 1);
  }, 30_000);

  it('swaps nothing when its guard connection was lost, as when the database restarted during the replay', async () => {
    const checkpoint = await readCheckpoint(pool, ACTIVITY_FEED_PROJECTION);
    const before = await feedRows();
    const rebuilt = rebuildProjections(store, pool, [activityFeedProjection], {
      batchSize: 50,
      onProgress: async ({ phase }) => {
        if (phase !== 'swapping') return;
        await pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1
           AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('rebuild:activity-feed', 7)`,
        );
      },
    });
    await expect(rebuilt).rejects.toThrow(new RebuildError('The rebuild of activity-feed lost its database session (did the database restart?); nothing was swapped'));
    expect(await readCheckpoint(pool, ACTIVITY_FEED_PROJECTION)).toBe(checkpoint);
    expect(await feedRows()).toEqual(before);
    expect((await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname = 'rebuild_activity_feed'`)).rows).toEqual([{ nspname: 'rebuild_activity_feed' }]);
  });
});

describe('filterMatcher', () => {
  it('keeps what the store would keep: any of the prefixes and any of the types, both when both are given', () => {
    const event = (streamName: string, type: string) => ({ streamName, type }) as Parameters<NonNullable<ReturnType<typeof filterMatcher>>>[0];
    expect(filterMatcher(undefined)).toBeUndefined();
    expect(filterMatcher({ streamPrefixes: [], eventTypes: [] })).toBeUndefined();
    const both = filterMatcher({ streamPrefixes: ['count-', 'user-'], eventTypes: ['Counted', 'SignedIn'] })!;
    expect([event('count-a', 'Counted'), event('user-1', 'SignedIn'), event('ticket-a', 'Counted'), event('count-a', 'Other')].map(both)).toEqual([true, true, false, false]);
    expect([event('x', 'Counted'), event('x', 'Other')].map(filterMatcher({ eventTypes: ['Counted'] })!)).toEqual([true, false]);
  });
});
