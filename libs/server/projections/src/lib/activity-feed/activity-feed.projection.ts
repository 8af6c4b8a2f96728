import type { PoolClient } from 'pg';
import type { Projection } from '../projection';
import { activityFeedRow, type ActivityFeedRow } from './activity-feed-row';

export const ACTIVITY_FEED_PROJECTION = 'activity-feed';

const COLUMNS = `position text, event_id text, workspace_id text, stream_name text, event_type text, category text, kind text, label text,
  actor_kind text, actor_id text, actor_name text, impersonator_id text, result text, ip text,
  device_type text, device_os text, device_browser text, record_type text, record_id text, record_label text, url text,
  occurred_at timestamptz, recorded_at timestamptz, details jsonb`;

const NAMES = COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0]).join(', ');

/** One multi-row INSERT for the whole batch: a JSON array read back as a record set. */
function insertRows(client: PoolClient, rows: ActivityFeedRow[]) {
  return client.query(
    `INSERT INTO activity_feed (${NAMES})
     SELECT ${NAMES} FROM json_to_recordset($1::json) AS r(${COLUMNS})
     ON CONFLICT (position) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** One row per workspace event, for the activity feed and "my activity". */
export const activityFeedProjection: Projection = {
  name: ACTIVITY_FEED_PROJECTION,
  async apply(client, events) {
    const rows = events.map(activityFeedRow).filter((row): row is ActivityFeedRow => row !== undefined);
    if (rows.length > 0) await insertRows(client, rows);
  },
};
