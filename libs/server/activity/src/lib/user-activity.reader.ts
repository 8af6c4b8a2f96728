import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import { encodeActivityCursor } from './activity-cursor';
import type { UserActivityQuery } from './user-activity-query.schema';

export interface Device {
  type: string | null;
  os: string | null;
  browser: string | null;
}

export interface SecuritySignal {
  kind: string;
  /** Position of the event that raised it. */
  position: string;
  userId: string | null;
  userName: string | null;
  ip: string | null;
  device: Device | null;
  /** Failed sign-ins in a burst (0 for a new IP or device). */
  failures: number;
  /** Accounts a burst touched. */
  accounts: number;
  startedAt: string;
  lastAt: string;
}

export interface SignInItem {
  position: string;
  occurredAt: string;
  result: 'success' | 'failure';
  reason: string | null;
  ip: string | null;
  device: Device | null;
}

export interface UserActivity {
  user: { id: string; name: string | null; kind: 'member' | 'host'; role: string | null };
  stats: {
    loginCount: number;
    failureCount: number;
    activityCount: number;
    lastLoginAt: string | null;
    lastIp: string | null;
    lastDevice: Device | null;
    lastFailureAt: string | null;
    lastActivityAt: string | null;
  };
  logins: { items: SignInItem[]; nextCursor: string | null };
  signals: SecuritySignal[];
}

/** The latest signals shown with one user. */
const USER_SIGNALS = 50;

export const SIGNAL_COLUMNS = `g.kind, g.first_position, g.user_id, st.user_name, g.ip, g.device_type, g.device_os, g.device_browser,
  g.failures, g.accounts, g.started_at, g.last_at`;
export const SIGNAL_FROM = `user_security_signals g LEFT JOIN user_login_stats st ON st.workspace_id = g.workspace_id AND st.user_id = g.user_id`;

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const str = (value: unknown) => (typeof value === 'string' ? value : null);

export function deviceOf(type: unknown, os: unknown, browser: unknown): Device | null {
  return type === null && os === null && browser === null ? null : { type: str(type), os: str(os), browser: str(browser) };
}

export function toSignal(row: Row): SecuritySignal {
  return {
    kind: row['kind'] as string,
    position: row['first_position'] as string,
    userId: str(row['user_id']),
    userName: str(row['user_name']),
    ip: str(row['ip']),
    device: deviceOf(row['device_type'], row['device_os'], row['device_browser']),
    failures: row['failures'] as number,
    accounts: row['accounts'] as number,
    startedAt: iso(row['started_at']) as string,
    lastAt: iso(row['last_at']) as string,
  };
}

/** One user's sign-in counters, sign-in history and security signals in one workspace, from the user-activity read models. */
@Injectable()
export class UserActivityReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Undefined when the user is neither a member of the workspace nor anyone it has seen sign in or act. */
  async read(workspaceId: string, userId: string, query: UserActivityQuery): Promise<UserActivity | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT m.role, coalesce(u.display_name, s.user_name) AS name, s.*
       FROM (SELECT $1::text AS workspace_id, $2::text AS user_id) k
       LEFT JOIN directory_members m ON m.workspace_id = k.workspace_id AND m.user_id = k.user_id
       LEFT JOIN directory_users u ON m.user_id IS NOT NULL AND u.user_id = k.user_id
       LEFT JOIN user_login_stats s ON s.workspace_id = k.workspace_id AND s.user_id = k.user_id`,
      [workspaceId, userId],
    );
    const row = rows[0];
    if (row['role'] === null && row['user_id'] === null) return undefined;
    return {
      user: { id: userId, name: str(row['name']), kind: row['role'] !== null ? 'member' : (row['user_kind'] as 'member' | 'host'), role: str(row['role']) },
      stats: {
        loginCount: (row['login_count'] as number | null) ?? 0,
        failureCount: (row['failure_count'] as number | null) ?? 0,
        activityCount: (row['activity_count'] as number | null) ?? 0,
        lastLoginAt: iso(row['last_login_at']),
        lastIp: str(row['last_ip']),
        lastDevice: deviceOf(row['last_device_type'], row['last_device_os'], row['last_device_browser']),
        lastFailureAt: iso(row['last_failure_at']),
        lastActivityAt: iso(row['last_activity_at']),
      },
      logins: await this.logins(workspaceId, userId, query),
      signals: await this.signals(workspaceId, userId),
    };
  }

  /** Newest first, with a keyset cursor over (occurred_at, position). */
  private async logins(workspaceId: string, userId: string, { limit, cursor }: UserActivityQuery): Promise<UserActivity['logins']> {
    const after = cursor ? 'AND (occurred_at, position) < ($3::timestamptz, $4)' : '';
    const { rows } = await this.pool.query<Row>(
      `SELECT position, occurred_at, to_json(occurred_at) #>> '{}' AS occurred_key, result, reason, ip, device_type, device_os, device_browser
       FROM user_login_history WHERE workspace_id = $1 AND user_id = $2 ${after}
       ORDER BY occurred_at DESC, position DESC LIMIT ${limit + 1}`,
      cursor ? [workspaceId, userId, cursor.occurredAt, cursor.position] : [workspaceId, userId],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((item) => ({
        position: item['position'] as string,
        occurredAt: iso(item['occurred_at']) as string,
        result: item['result'] as SignInItem['result'],
        reason: str(item['reason']),
        ip: str(item['ip']),
        device: deviceOf(item['device_type'], item['device_os'], item['device_browser']),
      })),
      nextCursor: rows.length > limit && last ? encodeActivityCursor({ occurredAt: last['occurred_key'] as string, position: last['position'] as string }) : null,
    };
  }

  private async signals(workspaceId: string, userId: string): Promise<SecuritySignal[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${SIGNAL_COLUMNS} FROM ${SIGNAL_FROM} WHERE g.workspace_id = $1 AND g.user_id = $2
       ORDER BY g.last_at DESC, g.first_position DESC LIMIT ${USER_SIGNALS}`,
      [workspaceId, userId],
    );
    return rows.map(toSignal);
  }
}
