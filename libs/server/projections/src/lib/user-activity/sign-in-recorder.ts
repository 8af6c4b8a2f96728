import type { PoolClient } from 'pg';
import { addActiveDays } from './activity-counter';
import { raiseFailureBursts, raiseNoveltySignals } from './security-signals';
import type { SignInFact } from './user-activity-fact';

/** Columns that describe the latest sign-in: replaced only by a sign-in that happened later. */
const LATEST_SIGN_IN = ['last_login_at', 'last_ip', 'last_device_type', 'last_device_os', 'last_device_browser']
  .map((column) => `${column} = CASE WHEN excluded.last_login_at >= coalesce(s.last_login_at, '-infinity') THEN excluded.${column} ELSE s.${column} END`)
  .join(',\n    ');

const UPSERT_STATS = `
  INSERT INTO user_login_stats AS s (workspace_id, user_id, user_kind, user_name, login_count, failure_count, activity_count,
    last_login_at, last_ip, last_device_type, last_device_os, last_device_browser, last_failure_at, last_activity_at, last_position)
  SELECT $1::text, $2::text, $3::text, $4::text, ok::int, (NOT ok)::int, ok::int,
    CASE WHEN ok THEN at END, CASE WHEN ok THEN $6::text END, CASE WHEN ok THEN $7::text END, CASE WHEN ok THEN $8::text END,
    CASE WHEN ok THEN $9::text END, CASE WHEN NOT ok THEN at END, CASE WHEN ok THEN at END, $10::text
  FROM (SELECT $5::timestamptz AS at, $11::boolean AS ok) AS attempt
  ON CONFLICT (workspace_id, user_id) DO UPDATE SET
    user_name = coalesce(excluded.user_name, s.user_name),
    login_count = s.login_count + excluded.login_count,
    failure_count = s.failure_count + excluded.failure_count,
    activity_count = s.activity_count + excluded.activity_count,
    ${LATEST_SIGN_IN},
    last_failure_at = greatest(s.last_failure_at, excluded.last_failure_at),
    last_activity_at = greatest(s.last_activity_at, excluded.last_activity_at),
    last_position = greatest(s.last_position, excluded.last_position)`;

/**
 * Records one sign-in attempt in one workspace: its history row, the user's
 * counters and the signals it raises. The history row is keyed by position,
 * so an attempt applied before changes nothing the second time.
 */
export async function recordSignIn(client: PoolClient, workspaceId: string, fact: SignInFact): Promise<void> {
  const { position, userId, device } = fact;
  const history = await client.query(
    `INSERT INTO user_login_history (workspace_id, position, event_id, user_id, result, reason, ip, device_type, device_os, device_browser, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (workspace_id, position) DO NOTHING`,
    [workspaceId, position, fact.eventId, userId, fact.result, fact.reason, fact.ip, device?.type, device?.os, device?.browser, fact.occurredAt],
  );
  if (history.rowCount === 0) return;
  const success = fact.result === 'success';
  await client.query(UPSERT_STATS, [
    workspaceId,
    userId,
    fact.userKind,
    fact.userName,
    fact.occurredAt,
    fact.ip,
    device?.type ?? null,
    device?.os ?? null,
    device?.browser ?? null,
    position,
    success,
  ]);
  if (success) {
    await addActiveDays(client, [{ workspace_id: workspaceId, user_id: userId, at: fact.occurredAt, events: 1 }]);
    await raiseNoveltySignals(client, workspaceId, fact);
  } else {
    await raiseFailureBursts(client, workspaceId, fact);
  }
}
