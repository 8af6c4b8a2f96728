import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { type ActivityAudience, activityConditions } from './activity-filter.sql';
import { activityQuerySchema } from './activity-query.schema';
import { countActivity } from './activity-total.counter';

let postgres: TestPostgres;
let pool: Pool;

const WS = 'ws-total';
/** Rows lie whole minutes from every window edge, so the clock moving on while a test runs changes no count. */
const NOW = new Date();
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
/** The start of the UTC day five days ago: a whole day inside the default 7-day window. */
const FIVE_DAYS_AGO = `${minutesAgo(5 * 24 * 60).slice(0, 10)}T00:00:00.000Z`;
const position = (n: number) => `${String(n).padStart(20, '0')}:${String(n).padStart(20, '0')}`;
const filter = (query: Record<string, string> = {}) => activityQuerySchema.parse(query);

/** Every 90 minutes over 12 days before NOW, alternating categories and actors; positions in time order. */
const ROWS = Array.from({ length: 192 }, (_, n) => ({
  n: n + 1,
  at: new Date(NOW.getTime() - (192 - n) * 90 * 60_000 + 7 * 60_000),
  category: n % 3 === 0 ? 'Auth' : 'Records',
  actor: n % 2 === 0 ? 'u-1' : 'u-2',
}));

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  for (const { n, at, category, actor } of ROWS) {
    await pool.query(
      `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, actor_id, occurred_at, recorded_at, details)
       VALUES ($1, $2, $3, 'ticket-ws.T-1', 'TicketUpdated', $4, 'write', 'Updated ticket', $5, $6, $6, '{}')`,
      [position(n), `e-${n}`, WS, category, actor, at.toISOString()],
    );
  }
  await bucketsUpTo(192);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

/** The buckets the stats projection would have written for the feed rows up to row `last`. */
async function bucketsUpTo(last: number) {
  await pool.query('DELETE FROM stats_workspace_buckets');
  await pool.query('DELETE FROM stats_actor_category_buckets');
  for (const grain of ['hour', 'day']) {
    await pool.query(
      `INSERT INTO stats_workspace_buckets (workspace_id, grain, bucket, category, kind, account, events)
       SELECT workspace_id, $1, date_trunc($1, occurred_at), category, kind, category = 'Auth', count(*) FROM activity_feed WHERE position <= $2 GROUP BY 1, 3, 4, 5, 6`,
      [grain, position(last)],
    );
    await pool.query(
      `INSERT INTO stats_actor_category_buckets (workspace_id, actor_id, grain, bucket, category, kind, account, events)
       SELECT workspace_id, actor_id, $1, date_trunc($1, occurred_at), category, kind, category = 'Auth', count(*) FROM activity_feed WHERE position <= $2 GROUP BY 1, 2, 4, 5, 6, 7`,
      [grain, position(last)],
    );
  }
}

async function checkpoints(feed: number, stats: number) {
  await pool.query(
    `INSERT INTO projection_checkpoints (projection, position) VALUES ('activity-feed', $1), ('stats', $2)
     ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    [position(feed), position(stats)],
  );
}

/** What count(*) over the feed says for the same window. */
async function counted(query: Record<string, string>, audience: ActivityAudience = { workspaceId: WS }) {
  const conditions = activityConditions(audience, filter(query));
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_feed WHERE ${conditions.where()}`, conditions.params);
  return rows[0].n;
}

const total = (query: Record<string, string>, audience: ActivityAudience = { workspaceId: WS }) => countActivity(pool, audience, filter(query));

/** A bucket that disagrees with the feed by `extra`, so a total shows whether it was read. */
async function skewDay(day: string, extra: number) {
  await pool.query(`UPDATE stats_workspace_buckets SET events = events + $2 WHERE workspace_id = $3 AND grain = 'day' AND bucket = $1 AND category = 'Records'`, [day, extra, WS]);
}

describe('countActivity', () => {
  it('equals count(*) over the feed for every window, actor and category the buckets answer', async () => {
    await checkpoints(192, 192);
    const queries: Record<string, string>[] = [{}, { range: '24h' }, { range: '30d' }, { range: 'all' }, { range: 'all', category: 'Auth' }, { actor: 'u-2' }, { from: minutesAgo(12_560), to: minutesAgo(5_145) }, { view: 'archive' }];
    const expected = [112, 16, 192, 192, 64, 56, 82, 128];
    expect(await Promise.all(queries.map((query) => counted(query)))).toEqual(expected);
    expect(await Promise.all(queries.map((query) => total(query)))).toEqual(expected);
    const auditOfOne: ActivityAudience = { workspaceId: WS, actorId: 'u-1', categories: ['Auth'] };
    expect([await counted({ range: 'all' }, auditOfOne), await total({ range: 'all' }, auditOfOne)]).toEqual([32, 32]);
    expect(await total({ type: 'TicketUpdated', range: 'all' })).toBe(192);
  });

  it('reads whole days from the buckets when both checkpoints agree, for a week as for a month, and counts the feed when the stats are ahead', async () => {
    await skewDay(FIVE_DAYS_AGO, 1000);
    try {
      await checkpoints(192, 192);
      expect(await total({ range: '30d' })).toBe(192 + 1000);
      expect(await total({})).toBe(112 + 1000);
      expect(await total({ from: minutesAgo(150) })).toBe(await counted({ from: minutesAgo(150) }));
      await checkpoints(190, 192);
      expect(await total({ range: '30d' })).toBe(192);
    } finally {
      await skewDay(FIVE_DAYS_AGO, -1000);
    }
  });

  it('adds the feed rows the stats have not reached yet', async () => {
    await bucketsUpTo(180);
    try {
      await checkpoints(192, 180);
      expect(await total({ range: '30d' })).toBe(192);
      expect(await total({ range: 'all', category: 'Auth' })).toBe(64);
      expect(await total({ range: '30d', actor: 'u-2' })).toBe(96);
    } finally {
      await bucketsUpTo(192);
    }
  });

  it('counts the feed once retention has removed its oldest rows, or a period is held', async () => {
    await checkpoints(192, 192);
    await skewDay(FIVE_DAYS_AGO, 1000);
    try {
      await pool.query('INSERT INTO retention_holds (workspace_id, from_at, to_at, hold_until) VALUES ($1, $2, $3, $4)', [WS, minutesAgo(30 * 24 * 60), minutesAgo(29 * 24 * 60), minutesAgo(-24 * 60)]);
      expect(await total({ range: 'all' })).toBe(192);
      await pool.query('DELETE FROM retention_holds');
      expect(await total({ range: 'all' })).toBe(192 + 1000);
      await pool.query('DELETE FROM activity_feed WHERE workspace_id = $1 AND occurred_at < $2', [WS, minutesAgo(11 * 24 * 60)]);
      const kept = await counted({ range: 'all' });
      expect(kept).toBeLessThan(192);
      expect(await total({ range: 'all' })).toBe(kept);
      expect(await total({ from: minutesAgo(10 * 24 * 60) })).toBe((await counted({ from: minutesAgo(10 * 24 * 60) })) + 1000);
    } finally {
      await skewDay(FIVE_DAYS_AGO, -1000);
    }
  });

  it('counts the partial hour at the start of a 24-hour window in the feed, exactly to the minute, and the rows the stats have not reached', async () => {
    const edges = { workspaceId: 'ws-edges' };
    const rows = [
      { n: 193, at: minutesAgo(24 * 60 + 1) },
      { n: 194, at: minutesAgo(24 * 60 - 1) },
      { n: 195, at: minutesAgo(12 * 60) },
      { n: 196, at: minutesAgo(1) },
    ];
    for (const { n, at } of rows) {
      await pool.query(
        `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, actor_id, occurred_at, recorded_at, details)
         VALUES ($1, $2, 'ws-edges', 'ticket-ws.T-2', 'TicketUpdated', 'Records', 'write', 'Updated ticket', 'u-1', $3, $3, '{}')`,
        [position(n), `e-${n}`, at],
      );
    }
    try {
      await bucketsUpTo(196);
      await checkpoints(196, 196);
      expect([await counted({ range: '24h' }, edges), await total({ range: '24h' }, edges)]).toEqual([3, 3]);
      await bucketsUpTo(194);
      await checkpoints(196, 194);
      expect(await total({ range: '24h' }, edges)).toBe(3);
      expect(await total({ range: 'all' }, edges)).toBe(4);
    } finally {
      await pool.query(`DELETE FROM activity_feed WHERE workspace_id = 'ws-edges'`);
      await bucketsUpTo(192);
    }
  });
});
