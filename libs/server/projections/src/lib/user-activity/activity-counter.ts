import type { PoolClient } from 'pg';
import type { ActivityFact } from './user-activity-fact';

export interface ActiveDayRow {
  workspace_id: string;
  user_id: string;
  /** When it happened; counted on its UTC day. */
  at: string;
  events: number;
}

/** Adds events to each user's per-day counts, one statement for any number of rows. */
export async function addActiveDays(client: PoolClient, rows: ActiveDayRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO user_activity_days AS d (workspace_id, user_id, day, events)
     SELECT workspace_id, user_id, (at AT TIME ZONE 'UTC')::date, sum(events)
     FROM json_to_recordset($1::json) AS r(workspace_id text, user_id text, at timestamptz, events int)
     GROUP BY 1, 2, 3
     ON CONFLICT (workspace_id, user_id, day) DO UPDATE SET events = d.events + excluded.events`,
    [JSON.stringify(rows)],
  );
}

const KEY_SET = `json_to_recordset($1::json) AS k(workspace_id text, user_id text)`;

/**
 * The facts past each user's last counted position. Read before the batch
 * counts anything, so a sign-in later in the same batch (which moves that
 * position too) cannot hide activity that came before it.
 */
export async function uncountedActivity(client: PoolClient, facts: ActivityFact[]): Promise<ActivityFact[]> {
  if (facts.length === 0) return [];
  const keys = [...new Map(facts.map((f) => [`${f.workspaceId}\n${f.userId}`, { workspace_id: f.workspaceId, user_id: f.userId }])).values()];
  const { rows } = await client.query<{ workspace_id: string; user_id: string; last_position: string }>(
    `SELECT s.workspace_id, s.user_id, s.last_position FROM user_login_stats s JOIN ${KEY_SET} USING (workspace_id, user_id)`,
    [JSON.stringify(keys)],
  );
  const counted = new Map(rows.map((row) => [`${row.workspace_id}\n${row.user_id}`, row.last_position]));
  return facts.filter((fact) => fact.position > (counted.get(`${fact.workspaceId}\n${fact.userId}`) ?? ''));
}

/** Counts a batch's activity per user in two statements: the users' totals and their active days. */
export async function countActivity(client: PoolClient, facts: ActivityFact[]): Promise<void> {
  if (facts.length === 0) return;
  const rows = facts.map((f) => ({ workspace_id: f.workspaceId, user_id: f.userId, user_kind: f.userKind, user_name: f.userName, at: f.occurredAt, position: f.position }));
  await client.query(
    `INSERT INTO user_login_stats AS s (workspace_id, user_id, user_kind, user_name, activity_count, last_activity_at, last_position)
     SELECT workspace_id, user_id, min(user_kind), (array_agg(user_name ORDER BY position DESC) FILTER (WHERE user_name IS NOT NULL))[1],
       count(*), max(at), max(position)
     FROM json_to_recordset($1::json) AS r(workspace_id text, user_id text, user_kind text, user_name text, at timestamptz, position text)
     GROUP BY workspace_id, user_id
     ON CONFLICT (workspace_id, user_id) DO UPDATE SET
       user_name = coalesce(excluded.user_name, s.user_name),
       activity_count = s.activity_count + excluded.activity_count,
       last_activity_at = greatest(s.last_activity_at, excluded.last_activity_at),
       last_position = greatest(s.last_position, excluded.last_position)`,
    [JSON.stringify(rows)],
  );
  await addActiveDays(client, rows.map(({ workspace_id, user_id, at }) => ({ workspace_id, user_id, at, events: 1 })));
}
