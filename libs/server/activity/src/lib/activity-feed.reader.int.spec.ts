import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { ActivityFeedReader } from './activity-feed.reader';
import { activityQuerySchema } from './activity-query.schema';

let postgres: TestPostgres;
let pool: Pool;
let reader: ActivityFeedReader;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  reader = new ActivityFeedReader(pool);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

const position = (n: number) => `${String(n).padStart(20, '0')}:${String(n).padStart(20, '0')}`;

/** Rows straight into the read model: `at` minutes ago, several sharing an instant so the position breaks the tie. */
async function seed(workspaceId: string, rows: Array<{ n: number; at: number; category?: string; ip?: string }>) {
  for (const { n, at, category = 'Records', ip = null } of rows) {
    await pool.query(
      `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, ip, occurred_at, recorded_at, details)
       VALUES ($1, $2, $3, 'ticket-ws.T-1', 'TicketUpdated', $4, 'write', 'Updated ticket', $5, date_trunc('minute', now()) - $6 * interval '1 minute', now(), '{}')`,
      [position(n), `${workspaceId}-${n}`, workspaceId, category, ip, at],
    );
  }
}

const filter = (query: Record<string, string> = {}) => activityQuerySchema.parse({ range: 'all', ...query });

describe('ActivityFeedReader', () => {
  it('reads everything in keyset batches, in the order the pages give, across ties of the same instant', async () => {
    await seed('ws-a', [
      { n: 1, at: 3 },
      { n: 2, at: 2 },
      { n: 3, at: 2 },
      { n: 4, at: 2 },
      { n: 5, at: 1 },
    ]);
    const batches: string[][] = [];
    for await (const batch of reader.all({ workspaceId: 'ws-a' }, filter(), 2)) batches.push(batch.map((item) => item.eventId));
    expect(batches).toEqual([
      ['ws-a-5', 'ws-a-4'],
      ['ws-a-3', 'ws-a-2'],
      ['ws-a-1'],
    ]);
    const paged = await reader.page({ workspaceId: 'ws-a' }, filter(), { limit: 100, cursor: undefined });
    expect(paged.items.map((item) => item.eventId)).toEqual(batches.flat());
  });

  it('ends without an empty batch when the rows fill the last one exactly, and yields nothing for no rows', async () => {
    await seed('ws-b', [
      { n: 11, at: 2 },
      { n: 12, at: 1 },
    ]);
    const sizes: number[] = [];
    for await (const batch of reader.all({ workspaceId: 'ws-b' }, filter(), 2)) sizes.push(batch.length);
    expect(sizes).toEqual([2]);
    for await (const batch of reader.all({ workspaceId: 'ws-none' }, filter(), 2)) sizes.push(batch.length);
    expect(sizes).toEqual([2]);
  });

  it('counts facets per category without the category filter, and keeps a NULL column out of a negated clause', async () => {
    await seed('ws-c', [
      { n: 21, at: 3, category: 'Auth', ip: '10.0.0.1' },
      { n: 22, at: 2, category: 'Auth' },
      { n: 23, at: 1, ip: '10.0.0.1' },
    ]);
    const facets = await reader.facets({ workspaceId: 'ws-c', categories: ['Auth', 'Records', 'Exports'] }, filter({ category: 'Records' }));
    expect(facets).toEqual({ categories: { Auth: 2, Records: 1, Exports: 0 }, total: 3 });
    const withoutIp = await reader.page({ workspaceId: 'ws-c' }, filter({ q: '-ip:10.0.0.1' }), { limit: 10, cursor: undefined });
    expect(withoutIp.items.map((item) => item.eventId)).toEqual(['ws-c-22']);
    const literal = await reader.page({ workspaceId: 'ws-c' }, filter({ q: '10.0.0_' }), { limit: 10, cursor: undefined });
    expect(literal.total).toBe(0);
  });

  it('streams CSV rows newest first, CRLF-terminated, cells quoted as RFC 4180 asks and formulas neutralised', async () => {
    const labels = ['Printer, on fire', 'say "hi"', 'two\nlines', '=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', 'a=b', ''];
    for (const [i, label] of labels.entries()) {
      await pool.query(
        `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
         VALUES ($1, $2, 'ws-d', 'ticket-ws.T-1', 'TicketUpdated', 'Records', 'write', $3, now() - $4 * interval '1 minute', now(), '{"n": 1}')`,
        [position(100 + i), `ws-d-${i}`, label, labels.length - i],
      );
    }
    let text = '';
    let rows = 0;
    // The actor filter goes into the COPY as a literal: a quote in it must stay a quote.
    for await (const chunk of reader.csv({ workspaceId: 'ws-d' }, filter({ q: "-actor:o'brien" }))) {
      text += chunk.bytes.toString();
      rows += chunk.rows;
    }
    expect(rows).toBe(labels.length);
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,ws-d-10,/);
    const cells = [
      '"Printer, on fire"',
      '"say ""hi"""',
      '"two\nlines"',
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tcmd",
      `"'\rcmd"`,
      'a=b',
      '""',
    ];
    // After the two timestamps: id, type, category, kind, label, no actor, device, record or URL, then stream, position, details.
    const expected = cells.map((cell, i) => `ws-d-${i},TicketUpdated,Records,write,${cell},,,,,,,,,,,,,,ticket-ws.T-1,${position(100 + i)},"{""n"": 1}"`);
    expect(lines.map((line) => line.slice(line.indexOf(',ws-d-') + 1)).reverse()).toEqual(expected);
  });

  it('writes details as JSON text, testing for a formula only what is not an object', async () => {
    const details = ['{"=x": "-y"}', '-1', '"=1"', '[1]', 'null'];
    for (const [i, value] of details.entries()) {
      await pool.query(
        `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
         VALUES ($1, $2, 'ws-f', 'ticket-ws.T-1', 'TicketUpdated', 'Records', 'write', 'Updated ticket', now() - $3 * interval '1 minute', now(), $4)`,
        [position(200 + i), `ws-f-${i}`, details.length - i, value],
      );
    }
    let text = '';
    for await (const chunk of reader.csv({ workspaceId: 'ws-f' }, filter())) text += chunk.bytes.toString();
    // The cell after the position, the last of each row.
    const lastCells = text.split('\r\n').slice(0, -1).reverse().map((line) => /,\d{20}:\d{20},(.*)$/.exec(line)?.[1]);
    expect(lastCells).toEqual(['"{""=x"": ""-y""}"', "'-1", '"""=1"""', '[1]', 'null']);
  });

  it('leaves the pool usable when the consumer of a CSV stream stops in the middle', async () => {
    await pool.query(
      `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
       SELECT lpad(i::text, 20, '0') || ':0', 'ws-e-' || i, 'ws-e', 'ticket-ws.T-1', 'TicketUpdated', 'Records', 'write', repeat('x', 200), now() - i * interval '1 second', now(), '{}'
       FROM generate_series(1, 20000) i`,
    );
    let chunks = 0;
    for await (const chunk of reader.csv({ workspaceId: 'ws-e' }, filter())) {
      expect(chunk.rows).toBeGreaterThan(0);
      if ((chunks += 1) === 2) break;
    }
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = 'ws-e'");
    expect(rows[0].n).toBe(20000);
    let total = 0;
    for await (const chunk of reader.csv({ workspaceId: 'ws-e' }, filter())) total += chunk.rows;
    expect(total).toBe(20000);
  });
});
