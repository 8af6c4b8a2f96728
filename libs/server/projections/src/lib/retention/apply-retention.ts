import { escapeIdentifier as ident, type Pool, type PoolClient } from 'pg';
import { addMonths, feedPartitionMonth, feedPartitions, lockFeedPartitions } from '../activity-feed/activity-feed-partitions';
import { inTransaction } from '../projection-runner';

export interface RetentionOptions {
  /** Days of feed a workspace without its own `retentionDays` keeps (TRAILMARK_RETENTION_DAYS); undefined keeps it forever. */
  defaultFeedDays?: number;
}

export interface RetentionResult {
  /** False when another process was applying retention at the time; nothing was done. */
  ran: boolean;
  droppedPartitions: string[];
  deletedRows: number;
}

const DAY_MS = 86_400_000;

/** A row of a period re-projected on demand stays until its hold ends. */
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM retention_holds h WHERE h.workspace_id = f.workspace_id AND h.hold_until > $1
  AND f.occurred_at >= h.from_at AND f.occurred_at < h.to_at)`;

/**
 * Removes the activity feed rows each workspace no longer keeps: older than
 * its `retentionDays`, or than the default. A month partition that every
 * workspace's retention has passed is dropped whole; what remains is deleted
 * by workspace and time. Only read-model rows go; the events stay, and
 * `reprojectRange` can bring a period back.
 */
export async function applyRetention(pool: Pool, now: Date, options: RetentionOptions = {}): Promise<RetentionResult> {
  const defaultDays = options.defaultFeedDays ?? null;
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('retention', 7)) AS locked");
    if (!rows[0].locked) return { ran: false, droppedPartitions: [], deletedRows: 0 };
    try {
      const droppedPartitions = await dropExpiredPartitions(pool, client, now, defaultDays);
      return { ran: true, droppedPartitions, deletedRows: await deleteExpiredRows(client, now, defaultDays) };
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended('retention', 7))");
    }
  } finally {
    client.release();
  }
}

/** Drops the month partitions that end before the longest retention of any workspace, unless a hold covers them. */
async function dropExpiredPartitions(pool: Pool, client: PoolClient, now: Date, defaultDays: number | null): Promise<string[]> {
  // With no default, a workspace without a setting keeps everything, so no month is ever past every workspace's retention.
  if (defaultDays === null) return [];
  const longest = await client.query<{ days: number }>('SELECT greatest($1::int, max(feed_days)) AS days FROM workspace_retention', [defaultDays]);
  const cutoff = now.getTime() - longest.rows[0].days * DAY_MS;
  const dropped: string[] = [];
  for (const name of [...(await feedPartitions(client)).partitions].sort()) {
    const month = feedPartitionMonth(name);
    if (!month || addMonths(month, 1).getTime() > cutoff || (await isHeld(client, now, month, addMonths(month, 1)))) continue;
    await inTransaction(pool, async (tx) => {
      await lockFeedPartitions(tx);
      await tx.query(`DROP TABLE IF EXISTS public.${ident(name)}`);
    });
    dropped.push(name);
  }
  return dropped;
}

async function isHeld(client: PoolClient, now: Date, from: Date, to: Date): Promise<boolean> {
  const { rows } = await client.query<{ held: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM retention_holds WHERE hold_until > $1 AND from_at < $3 AND to_at > $2) AS held',
    [now, from, to],
  );
  return rows[0].held;
}

async function deleteExpiredRows(client: PoolClient, now: Date, defaultDays: number | null): Promise<number> {
  const own = await client.query(
    `DELETE FROM activity_feed f USING workspace_retention r
     WHERE r.feed_days IS NOT NULL AND f.workspace_id = r.workspace_id
       AND f.occurred_at < $1::timestamptz - r.feed_days * interval '24 hours' AND ${NOT_HELD}`,
    [now],
  );
  if (defaultDays === null) return own.rowCount ?? 0;
  const byDefault = await client.query(
    `DELETE FROM activity_feed f
     WHERE f.occurred_at < $1::timestamptz - $2::int * interval '24 hours'
       AND NOT EXISTS (SELECT 1 FROM workspace_retention r WHERE r.workspace_id = f.workspace_id AND r.feed_days IS NOT NULL)
       AND ${NOT_HELD}`,
    [now, defaultDays],
  );
  return (own.rowCount ?? 0) + (byDefault.rowCount ?? 0);
}
