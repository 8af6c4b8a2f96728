import { escapeIdentifier, type PoolClient } from 'pg';

const PARTITION_NAME = /^activity_feed_(\d{4})_(\d{2})$/;
const MONTHS_BEHIND = 12;
const MONTHS_AHEAD = 1;

/** The month of an instant as months since year 0 (UTC), NaN for text that is no time: cheaper to compare than dates. */
function monthNumber(at: string): number {
  const time = new Date(at);
  return time.getUTCFullYear() * 12 + time.getUTCMonth();
}

export const addMonths = (month: Date, months: number) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + months, 1));

/** `activity_feed_2026_03` holds March 2026 (UTC). */
export function feedPartitionName(month: Date): string {
  return `activity_feed_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The first instant of the month a partition named by `feedPartitionName` holds; undefined for any other table. */
export function feedPartitionMonth(name: string): Date | undefined {
  const match = PARTITION_NAME.exec(name);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : undefined;
}

/**
 * The month partition a row goes to, or undefined for the DEFAULT partition.
 * The claimed time comes from the host: only a time near when the event was
 * recorded gets a partition of its own, so a clock off by years, or history
 * imported wholesale, cannot create a partition per odd month. Decided from
 * the row alone, a replay lays the rows out the same way.
 */
export function partitionMonth(row: { occurred_at: string; recorded_at: string }): Date | undefined {
  const occurred = monthNumber(row.occurred_at);
  const recorded = monthNumber(row.recorded_at);
  if (!(occurred >= recorded - MONTHS_BEHIND && occurred <= recorded + MONTHS_AHEAD)) return undefined;
  const year = Math.floor(occurred / 12);
  return new Date(Date.UTC(year, occurred - year * 12, 1));
}

/** Serialises changes to the feed's partitions (creation here, dropping by retention) within a transaction. */
export async function lockFeedPartitions(client: PoolClient): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('activity_feed:partitions', 7))");
}

/**
 * The schema and partition names of the `activity_feed` that the search path
 * finds: `public`'s, or a rebuild's copy.
 */
export async function feedPartitions(client: PoolClient): Promise<{ schema: string; partitions: Set<string> }> {
  const { rows } = await client.query<{ schema: string; partitions: string[] }>(
    `SELECT p.relnamespace::regnamespace::text AS schema,
            coalesce(array_agg(c.relname::text) FILTER (WHERE c.oid IS NOT NULL), '{}') AS partitions
     FROM pg_class p LEFT JOIN pg_inherits i ON i.inhparent = p.oid LEFT JOIN pg_class c ON c.oid = i.inhrelid
     WHERE p.oid = 'activity_feed'::regclass GROUP BY p.relnamespace`,
  );
  return { schema: rows[0].schema, partitions: new Set(rows[0].partitions) };
}

/**
 * Creates the month partitions these rows need, inside the caller's
 * transaction, before they are inserted. Cheap when they all exist.
 */
export async function ensureFeedPartitions(client: PoolClient, rows: { occurred_at: string; recorded_at: string }[]): Promise<void> {
  const months = new Map<string, Date>();
  for (const row of rows) {
    const month = partitionMonth(row);
    if (month) months.set(feedPartitionName(month), month);
  }
  if (months.size === 0) return;
  let existing = await feedPartitions(client);
  if ([...months.keys()].every((name) => existing.partitions.has(name))) return;
  await lockFeedPartitions(client);
  // Another transaction may have created some while this one waited for the lock.
  existing = await feedPartitions(client);
  for (const [name, month] of months) {
    if (!existing.partitions.has(name)) await createPartition(client, `${existing.schema}.${escapeIdentifier(name)}`, month);
  }
}

/**
 * Rows of the month already in the DEFAULT partition would make a plain
 * CREATE ... PARTITION OF fail; they move into the new table before it is
 * attached. The lock keeps new rows for the month from reaching DEFAULT
 * meanwhile; readers are not blocked by it.
 */
async function createPartition(client: PoolClient, table: string, month: Date): Promise<void> {
  const [from, to] = [month.toISOString(), addMonths(month, 1).toISOString()];
  await client.query('LOCK TABLE activity_feed IN SHARE ROW EXCLUSIVE MODE');
  await client.query(`CREATE TABLE ${table} (LIKE activity_feed INCLUDING DEFAULTS)`);
  await client.query(
    `WITH moved AS (DELETE FROM activity_feed WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *)
     INSERT INTO ${table} SELECT * FROM moved`,
    [from, to],
  );
  await client.query(`ALTER TABLE activity_feed ATTACH PARTITION ${table} FOR VALUES FROM ('${from}') TO ('${to}')`);
}
