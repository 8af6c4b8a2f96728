import type { Part, PartRows } from './batch-statement';
import type { SignInAttempt } from './user-activity-fact';

const INSERTED = 'inserted_attempts';

/** Writes the batch's attempts to the sign-in history, returning the keys of those that were not there yet. */
export function historyPart(attempts: SignInAttempt[]): Part {
  const rows = attempts.map(({ workspaceId, fact }) => ({
    workspace_id: workspaceId,
    position: fact.position,
    event_id: fact.eventId,
    user_id: fact.userId,
    result: fact.result,
    reason: fact.reason,
    ip: fact.ip,
    device_type: fact.device?.type ?? null,
    device_os: fact.device?.os ?? null,
    device_browser: fact.device?.browser ?? null,
    occurred_at: fact.occurredAt,
  }));
  return {
    name: INSERTED,
    param: rows,
    returns: true,
    sql: (param) => `
      INSERT INTO user_login_history (workspace_id, position, event_id, user_id, result, reason, ip, device_type, device_os, device_browser, occurred_at)
      SELECT * FROM json_to_recordset(${param}) AS r(workspace_id text, position text, event_id text, user_id text, result text, reason text, ip text,
        device_type text, device_os text, device_browser text, occurred_at timestamptz)
      ON CONFLICT (workspace_id, position) DO NOTHING
      RETURNING workspace_id, position`,
  };
}

/**
 * The attempts the history did not hold yet. It is keyed by position, so only
 * these may move counters or raise signals: an attempt applied before changes
 * nothing the second time.
 */
export function newAttempts(attempts: SignInAttempt[], read: PartRows): SignInAttempt[] {
  const inserted = new Set((read[INSERTED] ?? []).map((row) => {
    const { workspace_id, position } = row as { workspace_id: string; position: string };
    return `${workspace_id}\n${position}`;
  }));
  return attempts.filter(({ workspaceId, fact }) => inserted.has(`${workspaceId}\n${fact.position}`));
}
