import type { Part, PartRows } from './batch-statement';
import type { ActiveDayRow, LoginStatsRow } from './login-stats';
import type { ActivityFact } from './user-activity-fact';

const COUNTED = 'counted_positions';

/** Looks up how far each of the batch's active users has been counted. */
export function countedPositionsPart(facts: ActivityFact[]): Part {
  const keys = [...new Map(facts.map((f) => [`${f.workspaceId}\n${f.userId}`, { workspace_id: f.workspaceId, user_id: f.userId }])).values()];
  return {
    name: COUNTED,
    param: keys,
    returns: true,
    sql: (param) => `SELECT s.workspace_id, s.user_id, s.last_position FROM user_login_stats s
      JOIN json_to_recordset(${param}) AS k(workspace_id text, user_id text) USING (workspace_id, user_id)`,
  };
}

/**
 * The facts past each user's last counted position. Looked up before the
 * batch counts anything, so a sign-in later in the same batch (which moves
 * that position too) cannot hide activity that came before it.
 */
export function uncountedActivity(facts: ActivityFact[], read: PartRows): ActivityFact[] {
  const rows = (read[COUNTED] ?? []) as Array<{ workspace_id: string; user_id: string; last_position: string }>;
  const counted = new Map(rows.map((row) => [`${row.workspace_id}\n${row.user_id}`, row.last_position]));
  return facts.filter((fact) => fact.position > (counted.get(`${fact.workspaceId}\n${fact.userId}`) ?? ''));
}

/** Columns that describe the latest sign-in: replaced only by a sign-in that happened later. */
const LATEST_SIGN_IN = ['last_login_at', 'last_ip', 'last_device_type', 'last_device_os', 'last_device_browser']
  .map((column) => `${column} = CASE WHEN excluded.last_login_at >= coalesce(s.last_login_at, '-infinity') THEN excluded.${column} ELSE s.${column} END`)
  .join(',\n        ');

/** Adds a batch's folded counters to each user's row. */
export function loginStatsPart(rows: LoginStatsRow[]): Part {
  return {
    name: 'login_stats',
    param: rows,
    sql: (param) => `
      INSERT INTO user_login_stats AS s (workspace_id, user_id, user_kind, user_name, login_count, failure_count, activity_count, last_login_at, last_ip,
        last_device_type, last_device_os, last_device_browser, last_failure_at, last_activity_at, last_position)
      SELECT * FROM json_to_recordset(${param}) AS r(workspace_id text, user_id text, user_kind text, user_name text, login_count int, failure_count int,
        activity_count int, last_login_at timestamptz, last_ip text, last_device_type text, last_device_os text, last_device_browser text,
        last_failure_at timestamptz, last_activity_at timestamptz, last_position text)
      ON CONFLICT (workspace_id, user_id) DO UPDATE SET
        user_name = coalesce(excluded.user_name, s.user_name),
        login_count = s.login_count + excluded.login_count,
        failure_count = s.failure_count + excluded.failure_count,
        activity_count = s.activity_count + excluded.activity_count,
        ${LATEST_SIGN_IN},
        last_failure_at = greatest(s.last_failure_at, excluded.last_failure_at),
        last_activity_at = greatest(s.last_activity_at, excluded.last_activity_at),
        last_position = greatest(s.last_position, excluded.last_position)`,
  };
}

/** Adds events to each user's per-day counts (one row per user and day). */
export function activeDaysPart(rows: ActiveDayRow[]): Part {
  return {
    name: 'active_days',
    param: rows,
    sql: (param) => `
      INSERT INTO user_activity_days AS d (workspace_id, user_id, day, events)
      SELECT * FROM json_to_recordset(${param}) AS r(workspace_id text, user_id text, day date, events int)
      ON CONFLICT (workspace_id, user_id, day) DO UPDATE SET events = d.events + excluded.events`,
  };
}
