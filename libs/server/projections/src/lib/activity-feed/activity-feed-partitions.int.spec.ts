import type { Pool, PoolClient } from 'pg';
import { encodePosition, type RecordedEvent } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { activityFeedProjection } from './activity-feed.projection';

let postgres: TestPostgres;
let pool: Pool;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 5);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

/** An event as the store would deliver it, with the times and position the test needs. */
function event(n: number, occurredAt: string, recordedAt: string): RecordedEvent {
  return {
    id: `e${n}`,
    streamName: 'ticket-ws1.T-1',
    type: 'TicketCommented',
    data: { recordType: 'ticket', recordId: 'T-1', n },
    metadata: { workspaceId: 'ws1', occurredAt, recordedAt },
    revision: n,
    position: encodePosition(1n, BigInt(n)),
    recordedAt: new Date(recordedAt),
  };
}

async function apply(events: RecordedEvent[], client?: PoolClient) {
  const own = client ?? (await pool.connect());
  try {
    await own.query('BEGIN');
    await activityFeedProjection.apply(own, events);
    await own.query('COMMIT');
  } finally {
    if (!client) own.release();
  }
}

const placement = async () =>
  (await pool.query<{ partition: string; n: number }>(`SELECT tableoid::regclass::text AS partition, (details->>'n')::int AS n FROM activity_feed ORDER BY n`)).rows;

const partitions = async () =>
  (await pool.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'activity_feed'::regclass ORDER BY 1`)).rows.map((row) => row.name);

const may = '2031-05-10T12:00:00.000Z';

describe('activity feed partitions', () => {
  it('creates a partition for each month a batch needs, leaves times claimed far from the recording in DEFAULT, and inserts a replayed batch once', async () => {
    const batch = [
      event(1, '2031-03-31T23:59:59.999Z', may),
      event(2, '2031-04-01T00:00:00.000Z', may),
      event(3, '2031-05-10T11:00:00.000Z', may),
      event(4, '2035-01-02T00:00:00.000Z', may),
      event(5, '2020-01-01T00:00:00.000Z', may),
    ];
    await apply(batch);
    await apply(batch);

    expect(await partitions()).toEqual(['activity_feed_2031_03', 'activity_feed_2031_04', 'activity_feed_2031_05', 'activity_feed_default']);
    expect(await placement()).toEqual([
      { partition: 'activity_feed_2031_03', n: 1 },
      { partition: 'activity_feed_2031_04', n: 2 },
      { partition: 'activity_feed_2031_05', n: 3 },
      { partition: 'activity_feed_default', n: 4 },
      { partition: 'activity_feed_default', n: 5 },
    ]);
  });

  it('moves the rows of a month waiting in DEFAULT into its partition when a later batch creates it', async () => {
    await apply([event(6, '2035-01-20T08:00:00.000Z', '2035-01-20T08:00:01.000Z')]);

    expect(await partitions()).toContain('activity_feed_2035_01');
    expect((await placement()).filter((row) => row.n >= 4)).toEqual([
      { partition: 'activity_feed_2035_01', n: 4 },
      { partition: 'activity_feed_default', n: 5 },
      { partition: 'activity_feed_2035_01', n: 6 },
    ]);
    const keys = await pool.query(`SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'activity_feed_2035_01'::regclass ORDER BY 1`);
    expect(keys.rows.map((row) => row.name)).toEqual([
      'activity_feed_2035_01_lower_idx',
      'activity_feed_2035_01_pkey',
      'activity_feed_2035_01_workspace_id_actor_id_occurred_at_idx',
      'activity_feed_2035_01_workspace_id_event_id_idx',
      'activity_feed_2035_01_workspace_id_occurred_at_position_idx',
    ]);
  });

  it('lets two transactions that need the same new month both commit', async () => {
    const [first, second] = [await pool.connect(), await pool.connect()];
    try {
      await Promise.all([
        apply([event(7, '2031-06-01T00:00:00.000Z', '2031-06-01T00:00:01.000Z')], first),
        apply([event(8, '2031-06-30T00:00:00.000Z', '2031-06-30T00:00:01.000Z')], second),
      ]);
    } finally {
      first.release();
      second.release();
    }
    expect((await placement()).filter((row) => row.n >= 7)).toEqual([
      { partition: 'activity_feed_2031_06', n: 7 },
      { partition: 'activity_feed_2031_06', n: 8 },
    ]);
  });
});
