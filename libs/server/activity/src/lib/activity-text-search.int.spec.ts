import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { ActivityFeedReader } from './activity-feed.reader';
import { activityConditions } from './activity-filter.sql';
import { activityQuerySchema } from './activity-query.schema';

let postgres: TestPostgres;
let pool: Pool;
let reader: ActivityFeedReader;

const WS = 'ws-search';
const ROWS = [
  { id: 'assigned', type: 'TicketAssigned', label: 'Assigned ticket', recordType: 'ticket', ip: '10.0.0.7' },
  { id: 'signin', type: 'SignedIn', label: 'Signed in', recordType: null, ip: '192.168.1.20' },
  { id: 'widget', type: 'HostActionPerformed', label: 'Échec de connexion', recordType: 'Custom_Widget', ip: null },
  { id: 'percent', type: 'HostActionPerformed', label: 'Discount 100% applied', recordType: 'order', ip: null },
];

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  reader = new ActivityFeedReader(pool);
  for (const [n, row] of ROWS.entries()) {
    await pool.query(
      `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, record_type, ip, occurred_at, recorded_at, details)
       VALUES ($1, $2, $3, 'host-ws.x', $4, 'Other', 'write', $5, $6, $7, now() - ($8 || ' minutes')::interval, now(), '{}')`,
      [String(n + 1).padStart(20, '0'), row.id, WS, row.type, row.label, row.recordType, row.ip, n + 1],
    );
  }
  // The same words in another workspace must never show.
  await pool.query(
    `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
     VALUES ('00000000000000000099', 'other', 'ws-other', 'host-ws.y', 'TicketAssigned', 'Inbox', 'write', 'Assigned ticket', now(), now(), '{}')`,
  );
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

const filter = (q: string) => activityQuerySchema.parse({ range: 'all', q });
const search = async (q: string) => {
  const page = await reader.page({ workspaceId: WS }, filter(q), { limit: 10, cursor: undefined });
  return { ids: page.items.map((item) => item.eventId), total: page.total };
};

/** The search as it was first written, field by field with ILIKE: the reference the index-backed form must agree with. */
async function byIlike(term: string): Promise<string[]> {
  const pattern = `%${term.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
  const { rows } = await pool.query<{ event_id: string }>(
    `SELECT event_id FROM activity_feed WHERE workspace_id = $1 AND (label ILIKE $2 OR event_type ILIKE $2 OR record_type ILIKE $2 OR ip ILIKE $2)
     ORDER BY occurred_at DESC`,
    [WS, pattern],
  );
  return rows.map((row) => row.event_id);
}

describe('free-text q', () => {
  it('matches a case-insensitive substring of label, event type, record type or IP, in this workspace only', async () => {
    expect(await search('ASSIGNED')).toEqual({ ids: ['assigned'], total: 1 });
    expect(await search('ketassig')).toEqual({ ids: ['assigned'], total: 1 });
    expect(await search('custom_w')).toEqual({ ids: ['widget'], total: 1 });
    expect(await search('168.1.2')).toEqual({ ids: ['signin'], total: 1 });
    expect(await search('échec')).toEqual({ ids: ['widget'], total: 1 });
    expect(await search('100%')).toEqual({ ids: ['percent'], total: 1 });
    expect(await search('GNED')).toEqual({ ids: ['assigned', 'signin'], total: 2 });
  });

  it('agrees with the field-by-field ILIKE for every term, and never matches across two fields', async () => {
    const terms = ['i', 'SIGN', 'ticket', 'ticketticket', 'ticket\u001fticket', 'in\u001fsigned', '10.0', '_', '%', 'ÉCHEC', 'host', 'x'];
    for (const term of terms) {
      const { ids } = await search(`"${term}"`);
      expect({ term, ids }).toEqual({ term, ids: await byIlike(term) });
    }
    expect(await search('ticketticketassigned')).toEqual({ ids: [], total: 0 });
    expect(await search('"ticket\u001fticketassigned"')).toEqual({ ids: [], total: 0 });
  });

  it('keeps rows without a record type or IP when a term is negated', async () => {
    expect(await search('-ticket')).toEqual({ ids: ['signin', 'widget', 'percent'], total: 3 });
    expect(await search('-10.0.0')).toEqual({ ids: ['signin', 'widget', 'percent'], total: 3 });
  });

  it('is answered through the trigram index activity_feed_search when the term is rare', async () => {
    await pool.query(
      `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
       SELECT lpad((1000 + n)::text, 20, '0'), 'bulk-' || n, 'ws-bulk', 'host-ws.z', CASE WHEN n = 1 THEN 'TicketAssigned' ELSE 'PageViewed' END, 'Browsing', 'read',
         CASE WHEN n = 1 THEN 'Assigned ticket' ELSE 'Viewed page' END, now() - n * interval '1 second', now(), '{}'
       FROM generate_series(1, 20000) AS n`,
    );
    await pool.query('ANALYZE activity_feed');
    const conditions = activityConditions({ workspaceId: 'ws-bulk' }, filter('assigned'));
    const client = await pool.connect();
    // A table this small is cheapest to scan whole; without that choice the plan shows whether the index fits the expression.
    const rows = await client
      .query('SET enable_seqscan = off')
      .then(() => client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT count(*) FROM activity_feed WHERE ${conditions.where()}`, conditions.params))
      .then((explained) => explained.rows)
      .finally(() => client.release(true));
    const { rows: trigram } = await pool.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%activity_feed%gin_trgm_ops%'`);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(trigram.some(({ indexname }) => plan.includes(`Bitmap Index Scan on ${indexname}`))).toBe(true);
    const page = await reader.page({ workspaceId: 'ws-bulk' }, filter('assigned'), { limit: 10, cursor: undefined });
    expect([page.items.map((item) => item.eventId), page.total]).toEqual([['bulk-1'], 1]);
  });
});
