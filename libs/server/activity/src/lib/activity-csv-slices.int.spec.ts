import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { type CsvSliceOptions, csvSlices, sameSnapshot, sliceByTime } from './activity-csv-slices';

let postgres: TestPostgres;
let pool: Pool;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  // 3,000 rows over 600 instants, five to an instant (the position breaks the tie), with cells that need quoting.
  await pool.query(
    `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
     SELECT lpad(i::text, 20, '0') || ':0', 'ev-' || i, 'ws-s', 'ticket-ws.T-1', 'TicketUpdated', 'Records', 'write',
            CASE i % 3 WHEN 0 THEN 'plain' WHEN 1 THEN 'a, "quoted"' ELSE E'two\\nlines' END,
            timestamptz '2026-06-01' + (i / 5) * interval '1 hour', now(), jsonb_build_object('i', i)
     FROM generate_series(1, 3000) i`,
  );
  await pool.query('ANALYZE activity_feed');
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

/** Every page sampled, so that slices of a few hundred rows are placed on a small table. */
const small: CsvSliceOptions = { sliceRows: 250, samplePercent: 100, aheadBytes: 16 * 1024 };
const whole: CsvSliceOptions = { ...small, sliceRows: 1_000_000 };

async function exported(where: string, options: CsvSliceOptions): Promise<{ text: string; rows: number }> {
  let text = '';
  let rows = 0;
  for await (const chunk of csvSlices(pool, where, options)) {
    text += chunk.bytes.toString();
    rows += chunk.rows;
  }
  return { text, rows };
}

/** The event number of each CSV line, in order (the third cell is `ev-<n>`). */
const eventNumbers = (text: string) => [...text.matchAll(/^[^,]+,[^,]+,ev-(\d+),/gm)].map((match) => Number(match[1]));

describe('a CSV export in slices', () => {
  it('gives the same bytes as one slice: every row once, newest first, ties by position, across slice bounds', async () => {
    const sliced = await exported("workspace_id = 'ws-s'", small);
    const single = await exported("workspace_id = 'ws-s'", whole);
    expect(sliced.rows).toBe(3000);
    expect(single.rows).toBe(3000);
    expect(sliced.text).toBe(single.text);
    expect(eventNumbers(sliced.text)).toEqual(Array.from({ length: 3000 }, (_, i) => 3000 - i));
  });

  it('cuts by time into slices of about the asked size, newest first, each bound shared by two neighbours', async () => {
    const client = await pool.connect();
    try {
      const slices = await sliceByTime(client, "workspace_id = 'ws-s'", small);
      expect(slices.length).toBeGreaterThanOrEqual(11);
      expect(slices.length).toBeLessThanOrEqual(13);
      expect(slices[0].to).toBeUndefined();
      expect(slices.at(-1)?.from).toBeUndefined();
      for (let i = 1; i < slices.length; i += 1) expect(slices[i].to).toBe(slices[i - 1].from);
      for (const { from, to } of slices) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = 'ws-s' AND occurred_at >= coalesce($1, '-infinity')::timestamptz AND occurred_at < coalesce($2, 'infinity')::timestamptz`,
          [from ?? null, to ?? null],
        );
        expect(rows[0].n).toBeGreaterThanOrEqual(240);
        expect(rows[0].n).toBeLessThanOrEqual(260);
      }
      expect(await sliceByTime(client, "workspace_id = 'ws-s'", whole)).toEqual([{ from: undefined, to: undefined }]);
      expect(await sliceByTime(client, "workspace_id = 'nobody'", small)).toEqual([{ from: undefined, to: undefined }]);
    } finally {
      client.release();
    }
  });

  it('copies the slices one after the other on one connection when the pool has no second to lend', async () => {
    const single = testPool(postgres.url, 1);
    try {
      let text = '';
      for await (const chunk of csvSlices(single, "workspace_id = 'ws-s'", small)) text += chunk.bytes.toString();
      expect(text).toBe((await exported("workspace_id = 'ws-s'", whole)).text);
      expect(single.totalCount).toBe(1);
    } finally {
      await single.end();
    }
  });

  it('keeps the filter in every slice', async () => {
    const { text, rows } = await exported("workspace_id = 'ws-s' AND label = 'plain'", small);
    expect(rows).toBe(1000);
    expect(eventNumbers(text)).toEqual(Array.from({ length: 1000 }, (_, i) => 3000 - 3 * i));
  });

  it('reads one snapshot: rows written during the export are in none of its slices', async () => {
    const chunks = csvSlices(pool, "workspace_id = 'ws-s'", small);
    const first = await chunks.next();
    expect(first.done).toBe(false);
    // One in each hour of the history: every slice, read by either connection, would hold some.
    await pool.query(
      `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
       SELECT lpad((10000 + i)::text, 20, '0') || ':0', 'late-' || i, 'ws-s', 'ticket-ws.T-1', 'TicketUpdated', 'Records', 'write', 'late',
              timestamptz '2026-06-01' + i * interval '1 hour' + interval '1 second', now(), '{}'
       FROM generate_series(0, 600) i`,
    );
    let rows = first.value?.rows ?? 0;
    let text = first.value?.bytes.toString() ?? '';
    for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
      rows += chunk.rows;
      text += chunk.bytes.toString();
    }
    expect(rows).toBe(3000);
    expect(text).not.toContain('late-');
    expect((await exported("workspace_id = 'ws-s'", small)).rows).toBe(3601);
    await pool.query("DELETE FROM activity_feed WHERE event_id LIKE 'late-%'");
  });

  it('gives the second connection the snapshot of the first, taken before rows written since', async () => {
    const lead = await pool.connect();
    try {
      await lead.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const count = "SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = 'ws-s'";
      expect((await lead.query<{ n: number }>(count)).rows[0].n).toBe(3000);
      await pool.query(
        `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
         VALUES ('00000000000000099999:0', 'later', 'ws-s', 'ticket-ws.T-1', 'TicketUpdated', 'Records', 'write', 'later', now(), now(), '{}')`,
      );
      const second = await sameSnapshot(pool, lead);
      try {
        expect((await second.query<{ n: number }>(count)).rows[0].n).toBe(3000);
      } finally {
        await second.query('COMMIT');
        second.release();
      }
      await lead.query('COMMIT');
      expect((await lead.query<{ n: number }>(count)).rows[0].n).toBe(3001);
    } finally {
      lead.release();
      await pool.query("DELETE FROM activity_feed WHERE event_id = 'later'");
    }
  });

  it('leaves the pool usable when the consumer stops while a slice is read ahead', async () => {
    for await (const chunk of csvSlices(pool, "workspace_id = 'ws-s'", small)) {
      expect(chunk.rows).toBeGreaterThan(0);
      break;
    }
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = 'ws-s'");
    expect(rows[0].n).toBe(3000);
    expect((await exported("workspace_id = 'ws-s'", small)).rows).toBe(3000);
  });
});
