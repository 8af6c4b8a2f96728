import type { EventStore, Position } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { activityFeedRow, type ActivityFeedRow } from '../activity-feed/activity-feed-row';
import { insertActivityFeedRows } from '../activity-feed/activity-feed.projection';
import { inTransaction } from '../projection-runner';

export interface ReprojectOptions {
  /** Until when retention leaves the period alone; a week from now by default. */
  holdUntil?: Date;
  batchSize?: number;
}

export interface ReprojectResult {
  /** Feed rows of the period found in the event store. */
  rows: number;
  /** Of those, the ones that were missing from the feed and were put back. */
  inserted: number;
  holdUntil: Date;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Puts one workspace's activity feed rows for [from, to) back from the event
 * store, as the projection wrote them: after retention removed them, say, for
 * an investigation. Rows still there are left alone, so it may run again.
 * The hold is recorded first, so a retention pass running meanwhile does not
 * delete what is being restored.
 */
export async function reprojectRange(
  store: EventStore,
  pool: Pool,
  workspaceId: string,
  from: Date,
  to: Date,
  options: ReprojectOptions = {},
): Promise<ReprojectResult> {
  if (!(from.getTime() < to.getTime())) throw new RangeError(`The period to re-project must start before it ends (${from.toISOString()} .. ${to.toISOString()})`);
  const { holdUntil = new Date(Date.now() + WEEK_MS), batchSize = 1000 } = options;
  await pool.query('INSERT INTO retention_holds (workspace_id, from_at, to_at, hold_until) VALUES ($1, $2, $3, $4)', [workspaceId, from, to, holdUntil]);
  const inPeriod = (row: ActivityFeedRow | undefined): row is ActivityFeedRow => {
    const at = row && row.workspace_id === workspaceId ? Date.parse(row.occurred_at) : Number.NaN;
    return at >= from.getTime() && at < to.getTime();
  };
  const result: ReprojectResult = { rows: 0, inserted: 0, holdUntil };
  for (let after: Position | undefined; ; ) {
    const events = await store.readAll({ after, maxCount: batchSize });
    const rows = events.map(activityFeedRow).filter(inPeriod);
    if (rows.length > 0) {
      result.inserted += await inTransaction(pool, (client) => insertActivityFeedRows(client, rows));
      result.rows += rows.length;
    }
    if (events.length < batchSize) return result;
    after = events[events.length - 1].position;
  }
}
