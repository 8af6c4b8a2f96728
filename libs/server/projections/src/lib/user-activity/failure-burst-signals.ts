import type { Part, PartRows } from './batch-statement';
import { type Burst, type BurstFailure, BURST_WINDOW_MINUTES, foldFailureBursts, type OpenBurst } from './failure-bursts';
import { micros } from './instants';
import type { SignalRow } from './security-signals';
import type { SignInAttempt } from './user-activity-fact';

type BurstKind = 'account_failure_burst' | 'ip_failure_burst';

/** One account, or one address, in one workspace, with the batch's failures of it in log order. */
interface Subject {
  workspaceId: string;
  kind: BurstKind;
  subject: string;
  failures: BurstFailure[];
}

const [KEYS, OPEN, PAST] = ['burst_subjects', 'open_bursts', 'past_failures'];
const WINDOW = `make_interval(mins => ${BURST_WINDOW_MINUTES})`;

/**
 * Looks up, for the subjects of the batch's failed attempts, the bursts a
 * failure between their earliest and latest could join, and the subjects'
 * failed sign-ins over every span those bursts and the failures' windows
 * may count. Read in the statement that writes the batch's history, so none
 * of the batch's own attempts is among them.
 */
export function burstParts(failures: SignInAttempt[]): Part[] {
  const subjects = subjectsOf(failures);
  if (subjects.length === 0) return [];
  const keys = subjects.map(({ workspaceId, kind, subject, failures: of }, i) => {
    const times = of.map(({ at }) => at).sort((a, b) => micros(a) - micros(b));
    return { i, workspace_id: workspaceId, kind, subject, from_at: times[0], to_at: times[times.length - 1] };
  });
  const failuresBy = (column: 'user_id' | 'ip', kind: BurstKind) => `
    SELECT s.i, h.position, h.user_id, h.occurred_at AS at FROM span s
    JOIN user_login_history h ON h.workspace_id = s.workspace_id AND h.${column} = s.subject AND h.occurred_at BETWEEN s.from_at AND s.to_at
    WHERE s.kind = '${kind}' AND h.result = 'failure'`;
  return [
    {
      name: KEYS,
      param: keys,
      sql: (param) => `SELECT * FROM json_to_recordset(${param}) AS k(i int, workspace_id text, kind text, subject text, from_at timestamptz, to_at timestamptz)`,
    },
    {
      name: OPEN,
      returns: true,
      sql: () => `SELECT k.i, s.first_position, s.last_position, s.started_at, s.last_at FROM ${KEYS} k
        JOIN user_security_signals s ON s.workspace_id = k.workspace_id AND s.kind = k.kind AND s.subject = k.subject
          AND s.last_at >= k.from_at - ${WINDOW} AND s.started_at <= k.to_at + ${WINDOW}`,
    },
    {
      name: PAST,
      returns: true,
      sql: () => `
        WITH span AS (
          SELECT k.i, k.workspace_id, k.kind, k.subject, least(k.from_at - ${WINDOW}, min(o.started_at)) AS from_at, greatest(k.to_at, max(o.last_at)) AS to_at
          FROM ${KEYS} k LEFT JOIN ${OPEN} o USING (i) GROUP BY k.i, k.workspace_id, k.kind, k.subject, k.from_at, k.to_at)
        ${failuresBy('user_id', 'account_failure_burst')}
        UNION ALL ${failuresBy('ip', 'ip_failure_burst')}`,
    },
  ];
}

/**
 * Failure bursts per account and per address (see `foldFailureBursts`) of
 * the batch's new failed attempts: the bursts they stretch and the ones they
 * open. An address's burst must span two accounts or more: one account
 * hammered from one address is already that account's burst.
 */
export function burstsOf(attempts: SignInAttempt[], fresh: SignInAttempt[], read: PartRows): { joined: SignalRow[]; opened: SignalRow[] } {
  const isFresh = new Set(fresh.map(({ workspaceId, fact }) => `${workspaceId}\n${fact.position}`));
  const open = byIndex(read[OPEN] as Array<{ i: number; first_position: string; last_position: string; started_at: string; last_at: string }>);
  const past = byIndex(read[PAST] as Array<{ i: number; position: string; user_id: string; at: string }>);
  const joined: SignalRow[] = [];
  const opened: SignalRow[] = [];
  subjectsOf(attempts).forEach((subject, i) => {
    const failures = subject.failures.filter(({ position }) => isFresh.has(`${subject.workspaceId}\n${position}`));
    if (failures.length === 0) return;
    const bursts: OpenBurst[] = (open.get(i) ?? []).map((row) => ({
      firstPosition: row.first_position,
      lastPosition: row.last_position,
      startedAt: row.started_at,
      lastAt: row.last_at,
    }));
    const before: BurstFailure[] = (past.get(i) ?? []).map((row) => ({ position: row.position, userId: row.user_id, at: row.at }));
    const folded = foldFailureBursts(before, bursts, failures, subject.kind === 'ip_failure_burst' ? 2 : 1);
    joined.push(...folded.joined.map((burst) => signalRow(subject, burst)));
    opened.push(...folded.opened.map((burst) => signalRow(subject, burst)));
  });
  return { joined, opened };
}

/** Saves the new span and counts of the bursts the batch stretched. */
export function joinedBurstsPart(bursts: SignalRow[]): Part {
  return {
    name: 'joined_bursts',
    param: bursts,
    sql: (param) => `
      UPDATE user_security_signals s SET last_position = r.last_position, started_at = r.started_at, last_at = r.last_at, failures = r.failures, accounts = r.accounts
      FROM json_to_recordset(${param}) AS r(workspace_id text, kind text, subject text, first_position text, last_position text,
        started_at timestamptz, last_at timestamptz, failures int, accounts int)
      WHERE s.workspace_id = r.workspace_id AND s.kind = r.kind AND s.subject = r.subject AND s.first_position = r.first_position`,
  };
}

/** The subjects of the failed attempts, in the order of their first failure; the same attempts give the same list. */
function subjectsOf(failures: SignInAttempt[]): Subject[] {
  const subjects = new Map<string, Subject>();
  const add = (workspaceId: string, kind: BurstKind, subject: string, failure: BurstFailure) => {
    const key = `${workspaceId}\n${kind}\n${subject}`;
    const entry = subjects.get(key) ?? { workspaceId, kind, subject, failures: [] };
    subjects.set(key, entry);
    entry.failures.push(failure);
  };
  for (const { workspaceId, fact } of failures) {
    const failure = { position: fact.position, userId: fact.userId, at: fact.occurredAt };
    add(workspaceId, 'account_failure_burst', fact.userId, failure);
    if (fact.ip !== null) add(workspaceId, 'ip_failure_burst', fact.ip, failure);
  }
  return [...subjects.values()];
}

function signalRow({ workspaceId, kind, subject }: Subject, burst: Burst): SignalRow {
  return {
    workspace_id: workspaceId,
    kind,
    subject,
    first_position: burst.firstPosition,
    last_position: burst.lastPosition,
    user_id: kind === 'account_failure_burst' ? subject : null,
    ip: kind === 'ip_failure_burst' ? subject : null,
    device_type: null,
    device_os: null,
    device_browser: null,
    failures: burst.failures,
    accounts: burst.accounts,
    started_at: burst.startedAt,
    last_at: burst.lastAt,
  };
}

function byIndex<R extends { i: number }>(rows: R[] | undefined): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  for (const row of rows ?? []) {
    const group = groups.get(row.i) ?? [];
    groups.set(row.i, group);
    group.push(row);
  }
  return groups;
}
