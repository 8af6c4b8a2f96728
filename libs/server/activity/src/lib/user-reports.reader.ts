import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import type { FailedLoginsQuery, InactiveQuery, ReportQuery, ReportRange, SecuritySignalsQuery } from './user-activity-query.schema';
import { type SecuritySignal, SIGNAL_COLUMNS, SIGNAL_FROM, toSignal } from './user-activity.reader';

type Range = { from: string; to: string };

export interface LoginsReport extends Range {
  users: Array<{ userId: string; name: string | null; kind: string | null; logins: number; failures: number; distinctIps: number; lastLoginAt: string | null }>;
}

export interface UsageReport extends Range {
  users: Array<{ userId: string; name: string | null; kind: string | null; activeDays: number; events: number; lastActiveDay: string }>;
}

export interface InactiveReport {
  days: number;
  since: string;
  members: Array<{ userId: string; name: string | null; role: string; joinedAt: string; lastActivityAt: string | null; lastLoginAt: string | null }>;
}

export interface FailedLoginsReport extends Range {
  byAccount: Array<{ userId: string; name: string | null; failures: number; distinctIps: number; lastFailureAt: string }>;
  byIp: Array<{ ip: string; failures: number; accounts: number; lastFailureAt: string }>;
}

export interface SecuritySignalsReport extends Range {
  signals: SecuritySignal[];
}

const NAME = `(SELECT user_name FROM user_login_stats st WHERE st.workspace_id = $1 AND st.user_id = r.user_id) AS name,
  (SELECT user_kind FROM user_login_stats st WHERE st.workspace_id = $1 AND st.user_id = r.user_id) AS kind`;

const iso = (value: Date | null) => value?.toISOString() ?? null;
const range = ({ from, to }: ReportRange): Range => ({ from: from.toISOString(), to: to.toISOString() });

/**
 * Workspace reports over the user-activity read models. Counts are per user
 * id, Trailmark members and host users alike; ties are broken by id so the
 * order is stable.
 */
@Injectable()
export class UserReportsReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async logins(workspaceId: string, query: ReportQuery): Promise<LoginsReport> {
    const { rows } = await this.pool.query(
      `SELECT r.*, ${NAME} FROM (
         SELECT user_id, count(*) FILTER (WHERE result = 'success')::int AS logins, count(*) FILTER (WHERE result = 'failure')::int AS failures,
           count(DISTINCT ip) FILTER (WHERE result = 'success')::int AS distinct_ips, max(occurred_at) FILTER (WHERE result = 'success') AS last_login_at
         FROM user_login_history WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY user_id) r
       ORDER BY logins DESC, failures DESC, user_id LIMIT $4`,
      [workspaceId, query.from, query.to, query.limit],
    );
    return {
      ...range(query),
      users: rows.map((row) => ({
        userId: row.user_id,
        name: row.name,
        kind: row.kind,
        logins: row.logins,
        failures: row.failures,
        distinctIps: row.distinct_ips,
        lastLoginAt: iso(row.last_login_at),
      })),
    };
  }

  /** Active days are UTC days with at least one event, counted for each day the range touches. */
  async usage(workspaceId: string, query: ReportQuery): Promise<UsageReport> {
    const { rows } = await this.pool.query(
      `SELECT r.*, ${NAME} FROM (
         SELECT user_id, count(*)::int AS active_days, sum(events)::int AS events, to_char(max(day), 'YYYY-MM-DD') AS last_active_day
         FROM user_activity_days
         WHERE workspace_id = $1 AND day >= ($2::timestamptz AT TIME ZONE 'UTC')::date AND day < $3::timestamptz AT TIME ZONE 'UTC'
         GROUP BY user_id) r
       ORDER BY active_days DESC, events DESC, user_id LIMIT $4`,
      [workspaceId, query.from, query.to, query.limit],
    );
    return {
      ...range(query),
      users: rows.map((row) => ({ userId: row.user_id, name: row.name, kind: row.kind, activeDays: row.active_days, events: row.events, lastActiveDay: row.last_active_day })),
    };
  }

  /** Members of the directory with no activity since the cut-off, the never active first. */
  async inactive(workspaceId: string, { days }: InactiveQuery): Promise<InactiveReport> {
    const since = new Date(Date.now() - days * 86_400_000);
    const { rows } = await this.pool.query(
      `SELECT m.user_id, u.display_name AS name, m.role, m.joined_at, s.last_activity_at, s.last_login_at
       FROM directory_members m
       LEFT JOIN directory_users u ON u.user_id = m.user_id
       LEFT JOIN user_login_stats s ON s.workspace_id = m.workspace_id AND s.user_id = m.user_id
       WHERE m.workspace_id = $1 AND (s.last_activity_at IS NULL OR s.last_activity_at < $2)
       ORDER BY s.last_activity_at ASC NULLS FIRST, m.user_id`,
      [workspaceId, since],
    );
    return {
      days,
      since: since.toISOString(),
      members: rows.map((row) => ({
        userId: row.user_id,
        name: row.name,
        role: row.role,
        joinedAt: row.joined_at.toISOString(),
        lastActivityAt: iso(row.last_activity_at),
        lastLoginAt: iso(row.last_login_at),
      })),
    };
  }

  async failedLogins(workspaceId: string, query: FailedLoginsQuery): Promise<FailedLoginsReport> {
    const failures = `FROM user_login_history WHERE workspace_id = $1 AND result = 'failure' AND occurred_at >= $2 AND occurred_at < $3`;
    const parameters = [workspaceId, query.from, query.to, query.limit];
    const accounts = await this.pool.query(
      `SELECT r.*, ${NAME} FROM (
         SELECT user_id, count(*)::int AS failures, count(DISTINCT ip)::int AS distinct_ips, max(occurred_at) AS last_failure_at ${failures} GROUP BY user_id) r
       ORDER BY failures DESC, last_failure_at DESC, user_id LIMIT $4`,
      parameters,
    );
    const ips = await this.pool.query(
      `SELECT ip, count(*)::int AS failures, count(DISTINCT user_id)::int AS accounts, max(occurred_at) AS last_failure_at
       ${failures} AND ip IS NOT NULL GROUP BY ip ORDER BY failures DESC, last_failure_at DESC, ip LIMIT $4`,
      parameters,
    );
    return {
      ...range(query),
      byAccount: accounts.rows.map((row) => ({
        userId: row.user_id,
        name: row.name,
        failures: row.failures,
        distinctIps: row.distinct_ips,
        lastFailureAt: row.last_failure_at.toISOString(),
      })),
      byIp: ips.rows.map((row) => ({ ip: row.ip, failures: row.failures, accounts: row.accounts, lastFailureAt: row.last_failure_at.toISOString() })),
    };
  }

  /** Signals whose span overlaps the range, latest first. */
  async securitySignals(workspaceId: string, query: SecuritySignalsQuery): Promise<SecuritySignalsReport> {
    const { rows } = await this.pool.query(
      `SELECT ${SIGNAL_COLUMNS} FROM ${SIGNAL_FROM}
       WHERE g.workspace_id = $1 AND g.last_at >= $2 AND g.started_at < $3 AND ($4::text IS NULL OR g.kind = $4)
       ORDER BY g.last_at DESC, g.first_position DESC LIMIT $5`,
      [workspaceId, query.from, query.to, query.kind ?? null, query.limit],
    );
    return { ...range(query), signals: rows.map(toSignal) };
  }
}
