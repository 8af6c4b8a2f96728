import type { PoolClient } from 'pg';
import type { Projection } from '../projection';
import { rowSet } from '../row-set';
import { ensureFeedPartitions } from './activity-feed-partitions';
import { activityFeedRow, type ActivityFeedRow } from './activity-feed-row';

export const ACTIVITY_FEED_PROJECTION = 'activity-feed';

const FEED_ROWS = rowSet<ActivityFeedRow>(`position text, event_id text, workspace_id text, stream_name text, event_type text, category text, kind text, label text,
  actor_kind text, actor_id text, actor_name text, impersonator_id text, result text, ip text,
  device_type text, device_os text, device_browser text, record_type text, record_id text, record_label text, url text,
  occurred_at timestamptz, recorded_at timestamptz, details jsonb`);

/**
 * Inserts feed rows in one multi-row INSERT, after creating the month
 * partitions they need; a row already there is left as it is. Returns how
 * many were new.
 */
export async function insertActivityFeedRows(client: PoolClient, rows: ActivityFeedRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await ensureFeedPartitions(client, rows);
  const result = await client.query(
    `INSERT INTO activity_feed (${FEED_ROWS.names})
     SELECT ${FEED_ROWS.names} FROM ${FEED_ROWS.from('r')}
     ON CONFLICT (position, occurred_at) DO NOTHING`,
    FEED_ROWS.values(rows),
  );
  return result.rowCount ?? 0;
}

/** One row per workspace event, for the activity feed and "my activity". */
export const activityFeedProjection: Projection = {
  name: ACTIVITY_FEED_PROJECTION,
  tables: ['activity_feed'],
  async apply(client, events) {
    await insertActivityFeedRows(client, events.map(activityFeedRow).filter((row): row is ActivityFeedRow => row !== undefined));
  },
};
