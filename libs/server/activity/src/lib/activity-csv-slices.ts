import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import type { Readable } from 'node:stream';
import { CSV_COLUMNS } from './activity-csv-copy';
import { CURRENT_LABEL_HASH_JOIN } from './activity-item';
import type { ExportChunk } from './export-writer';
import { CsvCopyOut } from './csv-copy-out';

export interface CsvSliceOptions {
  /** About this many rows per slice (fewer slices, down to one, when the sample finds fewer rows). */
  sliceRows: number;
  /** The share of the feed's pages sampled to place the slice bounds, in percent. */
  samplePercent: number;
  /** How much of the next slice may wait in memory, read ahead, while this one is sent. */
  aheadBytes: number;
}

/** A slice of 25,000 rows is about 14 MB of CSV: the next one can be copied whole while this one is sent. */
export const CSV_SLICES: CsvSliceOptions = { sliceRows: 25_000, samplePercent: 1, aheadBytes: 16 * 1024 * 1024 };

/**
 * How a slice is read: its rows found through the workspace's time index,
 * the labels joined from one hash of the workspace's, and the slice sorted
 * in memory (about 15 MB for 25,000 rows). Left to itself the planner scans
 * the slice's whole monthly partition in parallel workers, once per slice,
 * and sorts on disk: half again as much CPU for the same export. Two
 * connections already share the two cores.
 */
const SLICE_PLAN = "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '64MB'";

/** A stretch of time, newest first: `occurred_at >= from` and `< to`, each bound Postgres's own text of an instant (no bound: open). */
export interface Slice {
  from?: string;
  to?: string;
}

/**
 * The CSV rows of the feed rows matching `where` (SQL with its values
 * inlined), newest first, CRLF-terminated, in chunks. The rows are cut by
 * time into slices of about `sliceRows`, placed from a sample of the feed's
 * pages. Two connections take turns, each copying a slice (one COPY
 * statement: Postgres builds and quotes the cells) while the other's is
 * sent, so that both cores work on a large export. Both read one snapshot
 * (the second imports the first's), so the export is consistent in itself.
 * A consumer that stops early discards both connections.
 */
export async function* csvSlices(pool: Pool, where: string, options: CsvSliceOptions = CSV_SLICES): AsyncGenerator<ExportChunk> {
  const clients: PoolClient[] = [];
  let finished = false;
  try {
    const lead = await pool.connect();
    clients.push(lead);
    await lead.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ${SLICE_PLAN}`);
    const slices = await sliceByTime(lead, where, options);
    const second = slices.length > 1 && hasSpareConnection(pool) ? await sameSnapshot(pool, lead) : undefined;
    if (second) clients.push(second);
    let next: Readable | undefined = copySlice(clients[0], where, slices[0], options.aheadBytes);
    for (let i = 0; next; i += 1) {
      const current: Readable = next;
      // The next slice starts on the other connection now, and reads ahead while this one is sent.
      next = i + 1 < slices.length ? copySlice(clients[(i + 1) % clients.length], where, slices[i + 1], options.aheadBytes) : undefined;
      for await (const chunk of current) yield chunk as ExportChunk;
    }
    for (const client of clients) await client.query('COMMIT');
    finished = true;
  } finally {
    for (const client of clients) client.release(finished ? undefined : true);
  }
}

/**
 * Cuts the matching rows by time into slices of about `sliceRows`, newest
 * first: every `sliceRows / 100 * samplePercent`-th instant of a sample of
 * the feed's pages bounds one. Adjacent slices share a bound, so each row is
 * in exactly one whatever the sample saw; a sample that finds too few rows
 * gives one slice.
 */
export async function sliceByTime(client: PoolClient, where: string, { sliceRows, samplePercent }: CsvSliceOptions): Promise<Slice[]> {
  const perSlice = Math.max(1, Math.round((sliceRows * samplePercent) / 100));
  const { rows } = await client.query<{ bound: string }>(
    `SELECT min(occurred_at)::text AS bound
       FROM (SELECT occurred_at, (row_number() OVER (ORDER BY occurred_at DESC) - 1) / ${perSlice} AS slice
               FROM activity_feed TABLESAMPLE SYSTEM (${Number(samplePercent)}) REPEATABLE (0)
              WHERE ${where}) sampled
      GROUP BY slice
      ORDER BY slice`,
  );
  // The oldest sampled slice is open towards the past; equal bounds would make empty slices.
  const bounds = [...new Set(rows.slice(0, -1).map(({ bound }) => bound))];
  return [...bounds, undefined].map((from, i) => ({ from, to: bounds[i - 1] }));
}

/**
 * Whether the pool can lend a second connection at once. Waiting for one
 * while holding the first could deadlock exports that each hold one; without
 * it the slices are copied one after the other on the first.
 */
function hasSpareConnection(pool: Pool): boolean {
  return pool.waitingCount === 0 && (pool.idleCount > 0 || pool.totalCount < (pool.options.max ?? 10));
}

/** Another connection in a transaction that sees what `lead`'s sees. */
export async function sameSnapshot(pool: Pool, lead: PoolClient): Promise<PoolClient> {
  const { rows } = await lead.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${escapeLiteral(rows[0].snapshot)}; ${SLICE_PLAN}`);
    return client;
  } catch (error) {
    client.release(true);
    throw error;
  }
}

/** Starts one slice's COPY and reads its output into memory, up to `aheadBytes`, until it is consumed. */
function copySlice(client: PoolClient, where: string, { from, to }: Slice, aheadBytes: number): Readable {
  const within = [from && `occurred_at >= ${escapeLiteral(from)}::timestamptz`, to && `occurred_at < ${escapeLiteral(to)}::timestamptz`].filter(Boolean);
  const stream = client.query(
    new CsvCopyOut(
      `COPY (
         SELECT ${CSV_COLUMNS.map(([, sql]) => sql).join(', ')}
         FROM (SELECT * FROM activity_feed WHERE ${[where, ...within].join(' AND ')}) f
         ${CURRENT_LABEL_HASH_JOIN}
         ORDER BY f.occurred_at DESC, f.position DESC
       ) TO STDOUT WITH (FORMAT csv)`,
      aheadBytes,
    ),
  );
  // Kept by the stream until it is read, and thrown there: a slice read ahead may fail before its turn.
  stream.on('error', () => undefined);
  stream.read(0);
  return stream;
}
