import { CURRENT_LABEL_COLUMNS, CURRENT_LABEL_JOIN, FEED_COLUMNS, type FeedRow, toActivityItem } from '@trailmark/activity';
import type { ActivityItem } from '@trailmark/contracts';
import type { Pool, PoolClient } from 'pg';
import type { LiveBatchItem } from './live-batch';
import { type FeedFilter, filterConditions } from './live-channel';

type Db = Pool | PoolClient;

/** Rows in position order, each with its record's current label, as the HTTP feed shows them. */
async function rowsInOrder(db: Db, where: string, params: string[], limit: number): Promise<Array<FeedRow & { workspace_id: string }>> {
  // Not a named statement: a generic plan cannot prune the month partitions by
  // position and took ten times as long as a plan for the actual value.
  const { rows } = await db.query<FeedRow & { workspace_id: string }>(
    `SELECT f.*, ${CURRENT_LABEL_COLUMNS}
     FROM (SELECT ${FEED_COLUMNS} FROM activity_feed WHERE ${where} ORDER BY position LIMIT ${limit}) f
     ${CURRENT_LABEL_JOIN}
     ORDER BY f.position`,
    params,
  );
  return rows;
}

/**
 * The projection commits feed rows in position order, one batch after the
 * other, so "after the last one seen, in position order" never skips a row.
 */
export async function feedRowsAfter(db: Db, after: string, limit: number): Promise<LiveBatchItem[]> {
  const rows = await rowsInOrder(db, 'position > $1', [after], limit);
  return rows.map((row) => ({ workspaceId: row.workspace_id, item: toActivityItem(row) }));
}

/** One channel's rows after `after`, in position order: the catch-up of a subscription. */
export async function channelRowsAfter(db: Db, filter: FeedFilter, after: string, limit: number): Promise<ActivityItem[]> {
  const { where, params } = filterConditions(filter, after);
  return (await rowsInOrder(db, where, params, limit)).map(toActivityItem);
}

/** The channel's latest row after `after`, if any. */
export async function latestChannelPosition(db: Db, filter: FeedFilter, after: string): Promise<string | undefined> {
  const { where, params } = filterConditions(filter, after);
  const { rows } = await db.query<{ position: string | null }>(`SELECT max(position) AS position FROM activity_feed WHERE ${where}`, params);
  return rows[0]?.position ?? undefined;
}
