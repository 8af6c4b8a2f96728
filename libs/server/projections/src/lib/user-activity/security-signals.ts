import type { PoolClient } from 'pg';
import { deviceKey, type SignInFact } from './user-activity-fact';

export const SIGNAL_KINDS = ['account_failure_burst', 'ip_failure_burst', 'new_ip', 'new_device'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Failed sign-ins within BURST_WINDOW that make a burst. */
export const BURST_FAILURES = 5;
export const BURST_WINDOW = '10 minutes';

interface Signal {
  kind: SignalKind;
  subject: string;
  userId: string | null;
  ip: string | null;
}

/**
 * A successful sign-in from an IP, or a device, the user has not signed in
 * from before in this workspace. The very first sign-in sets the baseline and
 * raises nothing. Failed attempts never make an IP or device known.
 */
export async function raiseNoveltySignals(client: PoolClient, workspaceId: string, fact: SignInFact): Promise<void> {
  const { userId, ip, device } = fact;
  if (ip !== null && (await firstSeen(client, 'user_seen_ips', 'ip', workspaceId, fact, ip))) {
    await insertSignal(client, workspaceId, fact, { kind: 'new_ip', subject: userId, userId, ip });
  }
  if (device !== null && (await firstSeen(client, 'user_seen_devices', 'device_key', workspaceId, fact, deviceKey(device)))) {
    await insertSignal(client, workspaceId, fact, { kind: 'new_device', subject: userId, userId, ip });
  }
}

/** True when `value` was new for the user and the user had signed in from something else before. */
async function firstSeen(client: PoolClient, table: string, column: string, workspaceId: string, fact: SignInFact, value: string): Promise<boolean> {
  const { rows } = await client.query<{ known: number; added: number }>(
    `WITH known AS (SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1 AND user_id = $2),
          added AS (INSERT INTO ${table} (workspace_id, user_id, ${column}, first_seen_at, first_position) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT DO NOTHING RETURNING 1)
     SELECT (SELECT n FROM known) AS known, (SELECT count(*)::int FROM added) AS added`,
    [workspaceId, fact.userId, value, fact.occurredAt, fact.position],
  );
  return rows[0].added === 1 && rows[0].known > 0;
}

function insertSignal(client: PoolClient, workspaceId: string, fact: SignInFact, signal: Signal) {
  const { device } = fact;
  return client.query(
    `INSERT INTO user_security_signals (workspace_id, kind, subject, first_position, last_position, user_id, ip,
       device_type, device_os, device_browser, failures, accounts, started_at, last_at)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, 0, 1, $10, $10) ON CONFLICT DO NOTHING`,
    [workspaceId, signal.kind, signal.subject, fact.position, signal.userId, signal.ip, device?.type, device?.os, device?.browser, fact.occurredAt],
  );
}

/**
 * One signal per burst, not per failure: a failure within BURST_WINDOW of an
 * open burst joins it (its counts are recounted from the history); otherwise
 * a new burst opens once BURST_FAILURES failures fall within the window up to
 * this one. An IP's burst must span two accounts or more: one account hammered
 * from one address is already that account's burst.
 */
export async function raiseFailureBursts(client: PoolClient, workspaceId: string, fact: SignInFact): Promise<void> {
  await raiseFailureBurst(client, workspaceId, fact, { kind: 'account_failure_burst', subject: fact.userId, userId: fact.userId, ip: null });
  if (fact.ip !== null) await raiseFailureBurst(client, workspaceId, fact, { kind: 'ip_failure_burst', subject: fact.ip, userId: null, ip: fact.ip });
}

async function raiseFailureBurst(client: PoolClient, workspaceId: string, fact: SignInFact, signal: Signal): Promise<void> {
  const column = signal.kind === 'ip_failure_burst' ? 'ip' : 'user_id';
  const minAccounts = signal.kind === 'ip_failure_burst' ? 2 : 1;
  const joined = await client.query(
    `UPDATE user_security_signals s SET
       started_at = least(s.started_at, $4::timestamptz), last_at = greatest(s.last_at, $4::timestamptz), last_position = greatest(s.last_position, $5),
       (failures, accounts) = (SELECT count(*), count(DISTINCT h.user_id) FROM user_login_history h
         WHERE h.workspace_id = s.workspace_id AND h.${column} = s.subject AND h.result = 'failure'
           AND h.occurred_at BETWEEN least(s.started_at, $4) AND greatest(s.last_at, $4))
     WHERE s.workspace_id = $1 AND s.kind = $2 AND s.subject = $3
       AND $4 BETWEEN s.started_at - $6::interval AND s.last_at + $6::interval`,
    [workspaceId, signal.kind, signal.subject, fact.occurredAt, fact.position, BURST_WINDOW],
  );
  if (joined.rowCount !== 0) return;
  await client.query(
    `INSERT INTO user_security_signals (workspace_id, kind, subject, first_position, last_position, user_id, ip, failures, accounts, started_at, last_at)
     SELECT $1::text, $2::text, $3::text, $5::text, $5::text, $6::text, $7::text, count(*), count(DISTINCT user_id), min(occurred_at), $4::timestamptz
     FROM user_login_history
     WHERE workspace_id = $1 AND ${column} = $3 AND result = 'failure' AND occurred_at > $4::timestamptz - $8::interval AND occurred_at <= $4
     HAVING count(*) >= $9 AND count(DISTINCT user_id) >= $10
     ON CONFLICT DO NOTHING`,
    [workspaceId, signal.kind, signal.subject, fact.occurredAt, fact.position, signal.userId, signal.ip, BURST_WINDOW, BURST_FAILURES, minAccounts],
  );
}
