import type { SecurityAlertKind } from '@trailmark/domain';
import type { Position } from '@trailmark/event-store';
import type { PoolClient } from 'pg';
import type { SecurityFinding } from './direct-security-alerts';

interface SignalAlertRow {
  workspace_id: string;
  kind: SecurityAlertKind;
  user_id: string | null;
  ip: string | null;
  failures: number;
  accounts: number;
  event_id: string;
}

const SUMMARY: Record<string, (row: SignalAlertRow) => string> = {
  account_failure_burst: (row) => `${row.failures} failed sign-ins for ${row.user_id} within 10 minutes`,
  ip_failure_burst: (row) => `${row.failures} failed sign-ins for ${row.accounts} accounts from ${row.ip} within 10 minutes`,
  new_ip: (row) => `${row.user_id} signed in from ${row.ip}, an IP not seen for them before`,
  new_device: (row) => `${row.user_id} signed in from a device not seen for them before`,
};

/**
 * The bursts and new IPs or devices the user-activity projection found for
 * sign-ins in (after, upTo]: a burst is keyed by the failure that opened it,
 * so each burst is found once, however long it grows. Reusing that read
 * model keeps one definition of a burst and of "new" (user-activity README).
 */
export async function signalSecurityAlerts(client: PoolClient, after: Position | undefined, upTo: Position): Promise<SecurityFinding[]> {
  const { rows } = await client.query<SignalAlertRow>(
    `SELECT s.workspace_id, s.kind, s.user_id, s.ip, s.failures, s.accounts, h.event_id
     FROM user_security_signals s JOIN user_login_history h ON h.workspace_id = s.workspace_id AND h.position = s.first_position
     WHERE s.first_position > $1 AND s.first_position <= $2 ORDER BY s.first_position, s.workspace_id, s.kind`,
    [after ?? '', upTo],
  );
  return rows.map((row) => ({
    workspaceId: row.workspace_id,
    source: { id: row.event_id, event: null },
    data: { kind: row.kind, sourceEventId: row.event_id, userId: row.user_id, ip: row.ip, summary: SUMMARY[row.kind](row) },
  }));
}
