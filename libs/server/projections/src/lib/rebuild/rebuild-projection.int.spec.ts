import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type Position } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { ACTIVITY_FEED_PROJECTION, activityFeedProjection } from '../activity-feed/activity-feed.projection';
import { readCheckpoint, saveCheckpoint, waitForCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { inTransaction, runProjection, type RunningProjection } from '../projection-runner';
import { lockCheckpoint } from './checkpoint-lock';
import { RebuildError, type RebuildProgress, rebuildProjection } from './rebuild-projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let live: RunningProjection[];
let feedHead: Position;
const logged: string[] = [];

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
  pool = testPool(postgres.url, 12);
  store = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  await pool.query('CREATE TABLE event_counts (stream text CONSTRAINT event_counts_key PRIMARY KEY, n int NOT NULL CHECK (n > 0))');
  live = [activityFeedProjection, counting].map((projection) => runProjection(store, pool, projection, { retryMs: 50, batchSize: 40, logger: { info: (line) => logged.push(line), error: () => undefined } }));
  for (const [i, ws] of ['wsa', 'wsb', 'wsc'].entries()) {
    const events = Array.from({ length: 60 }, (_, n) => ({
      id: randomUUID(),
      type: 'TicketCommented',
      data: { recordType: 'ticket', recordId: `T-${n % 4}`, n },
      metadata: { workspaceId: ws, actor: { kind: 'user', id: `u${n % 3}`, name: 'Ada' }, occurredAt: new Date(Date.UTC(2026, 6 + i + (n % 3), 1 + (n % 27), n % 24)).toISOString() },
    }));
    feedHead = (await store.appendToStream(`ticket-${ws}.T-${i}`, events)).position;
  }
  expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, feedHead)).toBe(true);
}, 60_000);

afterAll(async () => {
  await Promise.all(live?.map((projection) => projection.stop()) ?? []);
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const feedRows = async (schema = 'public') => (await pool.query(`SELECT * FROM ${schema}.activity_feed ORDER BY position`)).rows;
const feedLayout = async () => ({
  oid: (await pool.query(`SELECT 'public.activity_feed'::regclass::oid::int AS oid`)).rows[0].oid,
  indexes: (await pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'activity_feed' ORDER BY 1`)).rows,
  partitions: (await pool.query(`SELECT relname FROM pg_inherits JOIN pg_class ON oid = inhrelid WHERE inhparent = 'public.activity_feed'::regclass ORDER BY 1`)).rows,
});
const schemas = async () => (await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%' ORDER BY 1`)).rows.map((r) => r.nspname);

async function appendCounted(stream: string, count: number): Promise<Position> {
  const events = Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'Counted', data: { n }, metadata: { workspaceId: 'platform' } }));
  return (await store.appendToStream(`count-${stream}`, events)).position;
}

describe('rebuild', () => {
  it('replays the activity feed into new tables while the old one serves reads, then swaps in an identical table with the checkpoint at the head', async () => {
    const before = await feedRows();
    const layout = await feedLayout();
    const seen: RebuildProgress[] = [];
    const servedDuringReplay: number[] = [];
    const result = await rebuildProjection(store, pool, activityFeedProjection, {
      batchSize: 50,
      onProgress: async (progress) => {
        seen.push(progress);
        if (progress.phase === 'replaying' && progress.applied === 100) {
          servedDuringReplay.push((await feedRows()).length, (await feedRows('rebuild_activity_feed')).length);
        }
      },
    });

    expect(result).toEqual({ projection: ACTIVITY_FEED_PROJECTION, applied: 180, checkpoint: feedHead });
    expect(servedDuringReplay).toEqual([180, 100]);
    expect(seen.map(({ phase, applied }) => `${phase} ${applied}`)).toEqual(['replaying 0', 'replaying 50', 'replaying 100', 'replaying 150', 'replaying 180', 'indexing 180', 'swapping 180', 'done 180']);
    expect(await feedRows()).toEqual(before);
    const rebuilt = await feedLayout();
    expect(rebuilt.oid).not.toBe(layout.oid);
    expect({ ...rebuilt, oid: 0 }).toEqual({ ...layout, oid: 0 });
    expect(await readCheckpoint(pool, ACTIVITY_FEED_PROJECTION)).toBe(feedHead);
    expect(await schemas()).toEqual([]);
  });

  it('counts every event exactly once when events keep coming and the live runner keeps applying them during the rebuild and across the swap', async () => {
    let total = 0;
    for (let i = 0; i < 4; i += 1) await appendCounted(`s${i % 2}`, 50).then(() => (total += 50));
    const result = await rebuildProjection(store, pool, counting, {
      batchSize: 30,
      onProgress: async ({ phase }) => {
        if (phase === 'replaying') await appendCounted(`s${total % 3}`, 7).then(() => (total += 7));
      },
    });
    let last = await appendCounted('s9', 5);
    total += 5;
    expect(await waitForCheckpoint(pool, 'counting', last, 10_000)).toBe(true);
    const counts = await pool.query<{ total: number }>('SELECT sum(n)::int AS total FROM event_counts');
    expect(counts.rows[0].total).toBe(total);
    expect(result.applied).toBeGreaterThanOrEqual(200);

    last = await appendCounted('s9', 1);
    expect(await waitForCheckpoint(pool, 'counting', last, 10_000)).toBe(true);
    expect((await pool.query<{ total: number }>('SELECT sum(n)::int AS total FROM event_counts')).rows[0].total).toBe(total + 1);
  }, 30_000);

  it('starts over when run again after a rebuild died half way, leaving the old tables and checkpoint alone meanwhile', async () => {
    const head = (await store.appendToStream('ticket-wsd.T-1', [{ id: randomUUID(), type: 'TicketDeleted', data: { recordId: 'T-1' }, metadata: { workspaceId: 'wsd' } }])).position;
    expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, head)).toBe(true);
    const events = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
    const before = await feedRows();
    const layout = await feedLayout();
    const died = rebuildProjection(store, pool, activityFeedProjection, {
      batchSize: 50,
      onProgress: ({ applied }) => {
        if (applied === 100) throw new Error('killed');
      },
    });
    await expect(died).rejects.toThrow('killed');
    expect(await schemas()).toEqual(['rebuild_activity_feed']);
    expect((await feedRows('rebuild_activity_feed')).length).toBe(100);
    expect(await feedLayout()).toEqual(layout);
    expect(await readCheckpoint(pool, ACTIVITY_FEED_PROJECTION)).toBe(head);

    expect(await rebuildProjection(store, pool, activityFeedProjection, { batchSize: 50 })).toEqual({ projection: ACTIVITY_FEED_PROJECTION, applied: events, checkpoint: head });
    expect(await readCheckpoint(pool, ACTIVITY_FEED_PROJECTION)).toBe(head);
    expect(await feedRows()).toEqual(before);
    expect(await schemas()).toEqual([]);
  });

  it('refuses a projection that does not declare its tables, and a second rebuild of the same projection at once', async () => {
    await expect(rebuildProjection(store, pool, { ...counting, tables: undefined })).rejects.toThrow(new RebuildError('Projection counting does not declare its tables, so it cannot be rebuilt'));
    const other = await pool.connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtextextended('rebuild:counting', 7))");
      await expect(rebuildProjection(store, pool, counting)).rejects.toThrow(new RebuildError('Another rebuild of counting is running'));
    } finally {
      await other.query('SELECT pg_advisory_unlock_all()');
      other.release();
    }
  });
});

describe('live runner', () => {
  it('drops a batch and resumes from the checkpoint when the checkpoint was moved under it', async () => {
    const stream = `count-moved${randomUUID().slice(0, 6)}`;
    const resumed = () => logged.filter((line) => line.startsWith('Projection counting: its checkpoint moved')).length;
    const resumedBefore = resumed();
    const first = await appendCounted(stream.slice(6), 10);
    expect(await waitForCheckpoint(pool, 'counting', first)).toBe(true);
    await inTransaction(pool, async (client) => {
      await lockCheckpoint(client, 'counting');
      const moved = await appendCounted(stream.slice(6), 10);
      // The runner reads these and waits for the lock to apply them, while this transaction applies them itself, as a rebuild's swap would.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('UPDATE event_counts SET n = n + 10 WHERE stream = $1', [stream]);
      await saveCheckpoint(client, 'counting', moved);
    });
    const last = await appendCounted(stream.slice(6), 1);
    expect(await waitForCheckpoint(pool, 'counting', last)).toBe(true);
    expect((await pool.query('SELECT n FROM event_counts WHERE stream = $1', [stream])).rows).toEqual([{ n: 21 }]);
    expect(resumed()).toBe(resumedBefore + 1);
  });
});
