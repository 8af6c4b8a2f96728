import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { isPosition } from '@trailmark/event-store';
import type { Pool } from 'pg';
import type { NotificationsQuery } from './notifications-query.schema';

export interface NotificationItem {
  id: string;
  ruleId: string;
  ruleName: string;
  label: string;
  sourceEventId: string;
  sourceType: string;
  raisedAt: string;
  readAt: string | null;
}

export interface NotificationsPage {
  items: NotificationItem[];
  nextCursor: string | null;
  unread: number;
}

interface Row {
  notification_id: string;
  position: string;
  rule_id: string;
  rule_name: string;
  label: string;
  source_event_id: string;
  source_type: string;
  raised_at: Date;
  read_at: Date | null;
}

/** One recipient's in-app notifications in one workspace, newest first, keyset-paginated by store position. */
@Injectable()
export class NotificationsReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async page(workspaceId: string, recipientId: string, { limit, cursor, unread }: NotificationsQuery): Promise<NotificationsPage> {
    const before = cursor === undefined ? null : decodeCursor(cursor);
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM notifications WHERE workspace_id = $1 AND recipient_id = $2 AND ($3::text IS NULL OR position < $3)
         AND (NOT $4 OR read_at IS NULL)
       ORDER BY position DESC LIMIT $5`,
      [workspaceId, recipientId, before, unread === 'true', limit + 1],
    );
    const items = rows.slice(0, limit);
    const more = rows.length > limit;
    return { items: items.map(toItem), nextCursor: more ? encodeCursor(items[items.length - 1].position) : null, unread: await this.unreadCount(workspaceId, recipientId) };
  }

  async unreadCount(workspaceId: string, recipientId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM notifications WHERE workspace_id = $1 AND recipient_id = $2 AND read_at IS NULL', [
      workspaceId,
      recipientId,
    ]);
    return Number(rows[0].n);
  }

  /** The recipient's unread notification ids among `ids` (all of them when `ids` is undefined); undefined when one named is not theirs. */
  async unreadOf(workspaceId: string, recipientId: string, ids?: string[]): Promise<string[] | undefined> {
    const { rows } = await this.pool.query<{ notification_id: string; read_at: Date | null }>(
      `SELECT notification_id, read_at FROM notifications WHERE workspace_id = $1 AND recipient_id = $2 AND ($3::text[] IS NULL OR notification_id = ANY($3::text[]))`,
      [workspaceId, recipientId, ids ?? null],
    );
    if (ids !== undefined && rows.length < new Set(ids).size) return undefined;
    return rows.filter((row) => row.read_at === null).map((row) => row.notification_id);
  }
}

const encodeCursor = (position: string) => Buffer.from(position).toString('base64url');

function decodeCursor(cursor: string): string {
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isPosition(position)) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'cursor is not one this API handed out', issues: [{ path: 'cursor', message: 'is not a cursor this API handed out' }] });
  }
  return position;
}

function toItem(row: Row): NotificationItem {
  return {
    id: row.notification_id,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    label: row.label,
    sourceEventId: row.source_event_id,
    sourceType: row.source_type,
    raisedAt: row.raised_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
