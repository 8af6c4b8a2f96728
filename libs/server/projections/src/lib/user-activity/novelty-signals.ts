import type { Part, PartRows } from './batch-statement';
import type { SignalRow } from './security-signals';
import { deviceKey, type SignInAttempt, type SignInFact } from './user-activity-fact';

interface Baseline {
  table: 'user_seen_ips' | 'user_seen_devices';
  column: 'ip' | 'device_key';
  kind: 'new_ip' | 'new_device';
  valueOf(fact: SignInFact): string | null;
}

const BASELINES: Baseline[] = [
  { table: 'user_seen_ips', column: 'ip', kind: 'new_ip', valueOf: (fact) => fact.ip },
  { table: 'user_seen_devices', column: 'device_key', kind: 'new_device', valueOf: (fact) => (fact.device === null ? null : deviceKey(fact.device)) },
];

interface KnownRow {
  workspace_id: string;
  user_id: string;
  value: string;
  /** The user has signed in from this value before. */
  seen: boolean;
  /** The user has signed in from anything before. */
  known: boolean;
}

const lookup = ({ table }: Baseline) => `known_${table}`;
const valued = (attempts: SignInAttempt[], baseline: Baseline) =>
  attempts.flatMap((attempt) => {
    const value = baseline.valueOf(attempt.fact);
    return value === null ? [] : [{ ...attempt, value }];
  });

const distinct = <T extends { workspace_id: string; user_id: string; value: string }>(rows: T[]) =>
  [...new Map(rows.map((row) => [`${row.workspace_id}\n${row.user_id}\n${row.value}`, row])).values()];

/** Looks up, for each (user, IP) and (user, device) of the batch's successful sign-ins, whether it was seen and whether the user had a baseline. */
export function knownPlacesParts(successes: SignInAttempt[]): Part[] {
  return BASELINES.map((baseline) => ({
    name: lookup(baseline),
    param: distinct(valued(successes, baseline).map(({ workspaceId, fact, value }) => ({ workspace_id: workspaceId, user_id: fact.userId, value }))),
    returns: true,
    sql: (param) => `
      SELECT k.workspace_id, k.user_id, k.value,
        EXISTS (SELECT 1 FROM ${baseline.table} t WHERE t.workspace_id = k.workspace_id AND t.user_id = k.user_id AND t.${baseline.column} = k.value) AS seen,
        EXISTS (SELECT 1 FROM ${baseline.table} t WHERE t.workspace_id = k.workspace_id AND t.user_id = k.user_id) AS known
      FROM json_to_recordset(${param}) AS k(workspace_id text, user_id text, value text)`,
  }));
}

/**
 * A successful sign-in from an IP, or a device, the user has not signed in
 * from before in this workspace. The very first sign-in sets the baseline and
 * raises nothing. Failed attempts never make an IP or device known. Takes the
 * batch's new successful attempts in log order; returns the signals and the
 * parts that save what became known.
 */
export function noveltyOf(successes: SignInAttempt[], read: PartRows): { signals: SignalRow[]; writes: Part[] } {
  const signals: SignalRow[] = [];
  const writes = BASELINES.map((baseline): Part => {
    const seen = new Set<string>();
    const users = new Set<string>();
    for (const row of (read[lookup(baseline)] ?? []) as KnownRow[]) {
      if (row.seen) seen.add(`${row.workspace_id}\n${row.user_id}\n${row.value}`);
      if (row.known) users.add(`${row.workspace_id}\n${row.user_id}`);
    }
    const firstSeen = [];
    for (const { workspaceId, fact, value } of valued(successes, baseline)) {
      const user = `${workspaceId}\n${fact.userId}`;
      if (seen.has(`${user}\n${value}`)) continue;
      seen.add(`${user}\n${value}`);
      firstSeen.push({ workspace_id: workspaceId, user_id: fact.userId, value, first_seen_at: fact.occurredAt, first_position: fact.position });
      if (users.has(user)) signals.push(noveltySignal(baseline.kind, workspaceId, fact));
      users.add(user);
    }
    return {
      name: `first_${baseline.table}`,
      param: firstSeen,
      sql: (param) => `
        INSERT INTO ${baseline.table} (workspace_id, user_id, ${baseline.column}, first_seen_at, first_position)
        SELECT * FROM json_to_recordset(${param}) AS r(workspace_id text, user_id text, value text, first_seen_at timestamptz, first_position text)
        ON CONFLICT DO NOTHING`,
    };
  });
  return { signals, writes };
}

function noveltySignal(kind: Baseline['kind'], workspaceId: string, { userId, position, ip, device, occurredAt }: SignInFact): SignalRow {
  return {
    workspace_id: workspaceId,
    kind,
    subject: userId,
    first_position: position,
    last_position: position,
    user_id: userId,
    ip,
    device_type: device?.type ?? null,
    device_os: device?.os ?? null,
    device_browser: device?.browser ?? null,
    failures: 0,
    accounts: 1,
    started_at: occurredAt,
    last_at: occurredAt,
  };
}
