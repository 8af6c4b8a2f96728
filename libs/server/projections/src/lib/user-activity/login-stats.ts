import { micros } from './instants';
import type { ActivityFact, SignInAttempt, SignInFact, UserKind } from './user-activity-fact';

/** A user's counters and latest sign-in, failure and activity as one batch moves them. */
export interface LoginStatsRow {
  workspace_id: string;
  user_id: string;
  user_kind: UserKind;
  user_name: string | null;
  login_count: number;
  failure_count: number;
  activity_count: number;
  last_login_at: string | null;
  last_ip: string | null;
  last_device_type: string | null;
  last_device_os: string | null;
  last_device_browser: string | null;
  last_failure_at: string | null;
  last_activity_at: string | null;
  last_position: string;
}

export interface ActiveDayRow {
  workspace_id: string;
  user_id: string;
  /** UTC, `YYYY-MM-DD`. */
  day: string;
  events: number;
}

type Counted = ActivityFact | (Omit<SignInFact, 'workspaceId'> & { workspaceId: string });

/**
 * Folds a batch's new sign-in attempts and uncounted activity, in log order,
 * into one row per user and workspace: what the batch adds to the counters,
 * the latest sign-in (a later position wins a tie of times, as when applied
 * one by one), the latest name given, and the active-day events (successful
 * sign-ins and other acts) per UTC day.
 */
export function foldLoginStats(attempts: SignInAttempt[], activity: ActivityFact[]): { stats: LoginStatsRow[]; activeDays: ActiveDayRow[] } {
  const counted: Counted[] = [...attempts.map(({ workspaceId, fact }) => ({ ...fact, workspaceId })), ...activity];
  counted.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const tallies = new Map<string, Tally>();
  const activeDays = new Map<string, ActiveDayRow>();
  const dayOf = utcDays();
  for (const item of counted) {
    const key = `${item.workspaceId}\n${item.userId}`;
    const tally = tallies.get(key) ?? { row: newRow(item), login: -Infinity, failure: -Infinity, activity: -Infinity };
    tallies.set(key, tally);
    const { row } = tally;
    const at = micros(item.occurredAt);
    row.user_name = item.userName ?? row.user_name;
    row.last_position = item.position;
    if (item.kind === 'sign-in' && item.result === 'failure') {
      row.failure_count += 1;
      if (at > tally.failure) {
        tally.failure = at;
        row.last_failure_at = item.occurredAt;
      }
      continue;
    }
    if (item.kind === 'sign-in') {
      row.login_count += 1;
      if (at >= tally.login) {
        tally.login = at;
        Object.assign(row, latestSignIn(item));
      }
    }
    row.activity_count += 1;
    if (at > tally.activity) {
      tally.activity = at;
      row.last_activity_at = item.occurredAt;
    }
    const day = dayOf(at);
    const active = activeDays.get(`${key}\n${day}`) ?? { workspace_id: item.workspaceId, user_id: item.userId, day, events: 0 };
    activeDays.set(`${key}\n${day}`, active);
    active.events += 1;
  }
  return { stats: [...tallies.values()].map(({ row }) => row), activeDays: [...activeDays.values()] };
}

/** A row and, in microseconds, the times its latest sign-in, failure and activity columns hold. */
interface Tally {
  row: LoginStatsRow;
  login: number;
  failure: number;
  activity: number;
}

function newRow(item: Counted): LoginStatsRow {
  return {
    workspace_id: item.workspaceId,
    user_id: item.userId,
    user_kind: item.userKind,
    user_name: null,
    login_count: 0,
    failure_count: 0,
    activity_count: 0,
    last_login_at: null,
    last_ip: null,
    last_device_type: null,
    last_device_os: null,
    last_device_browser: null,
    last_failure_at: null,
    last_activity_at: null,
    last_position: item.position,
  };
}

function latestSignIn({ occurredAt, ip, device }: Pick<SignInFact, 'occurredAt' | 'ip' | 'device'>): Partial<LoginStatsRow> {
  return {
    last_login_at: occurredAt,
    last_ip: ip,
    last_device_type: device?.type ?? null,
    last_device_os: device?.os ?? null,
    last_device_browser: device?.browser ?? null,
  };
}

const DAY = 86_400_000_000;

/** The UTC day of a time in microseconds, as `YYYY-MM-DD`; a batch spans few days, so each is formatted once. */
function utcDays(): (at: number) => string {
  const days = new Map<number, string>();
  return (at) => {
    const day = Math.floor(at / DAY);
    const text = days.get(day) ?? new Date(day * 86_400_000).toISOString().slice(0, 10);
    days.set(day, text);
    return text;
  };
}
