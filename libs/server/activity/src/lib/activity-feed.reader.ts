import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { ActivityFeedRow } from '@trailmark/projections';
import type { Pool } from 'pg';
import { type ActivityCursor, encodeActivityCursor } from './activity-cursor';
import { ACTIVITY_RANGES, type ActivityQuery } from './activity-query.schema';

export interface ActivityItem {
  position: string;
  eventId: string;
  streamName: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  actor: { kind: string | null; id: string | null; name: string | null; impersonatorId: string | null };
  result: string | null;
  ip: string | null;
  device: { type: string | null; os: string | null; browser: string | null } | null;
  record: { type: string; id: string; label: string | null } | null;
  url: string | null;
  occurredAt: string;
  recordedAt: string;
  details: unknown;
}

export interface ActivityPage {
  items: ActivityItem[];
  nextCursor: string | null;
  total: number;
}

/** Whose activity, in which workspace: the caller's own, or everyone's. */
export interface ActivityAudience {
  workspaceId: string;
  actorId?: string;
}

/** A row as pg returns it: timestamps parsed, plus the exact occurred_at text the cursor keeps. */
type FeedRow = Omit<ActivityFeedRow, 'workspace_id' | 'occurred_at' | 'recorded_at'> & {
  occurred_at: Date;
  recorded_at: Date;
  occurred_key: string;
};

/** Builds `a = $n AND ...` with numbered parameters. */
class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  add(template: (...placeholders: string[]) => string, ...values: unknown[]): void {
    const placeholders = values.map((value) => `$${this.params.push(value)}`);
    this.sql.push(template(...placeholders));
  }

  where(): string {
    return this.sql.join(' AND ');
  }
}

/** Pages of the `activity_feed` read model, newest first, with a keyset cursor over (occurred_at, position). */
@Injectable()
export class ActivityFeedReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async page(audience: ActivityAudience, query: ActivityQuery): Promise<ActivityPage> {
    const filters = this.filters(audience, query);
    const total = await this.pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM activity_feed WHERE ${filters.where()}`, filters.params);
    if (query.cursor) this.after(filters, query.cursor);
    const { rows } = await this.pool.query<FeedRow>(
      `SELECT *, to_json(occurred_at) #>> '{}' AS occurred_key FROM activity_feed WHERE ${filters.where()}
       ORDER BY occurred_at DESC, position DESC LIMIT ${query.limit + 1}`,
      filters.params,
    );
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const more = rows.length > query.limit && last !== undefined;
    return {
      items: items.map(toItem),
      nextCursor: more ? encodeActivityCursor({ occurredAt: last.occurred_key, position: last.position }) : null,
      total: total.rows[0].total,
    };
  }

  private filters({ workspaceId, actorId }: ActivityAudience, query: ActivityQuery): Conditions {
    const conditions = new Conditions();
    conditions.add((ws) => `workspace_id = ${ws}`, workspaceId);
    if (actorId !== undefined) conditions.add((id) => `actor_id = ${id}`, actorId);
    const interval = ACTIVITY_RANGES[query.range];
    if (interval) conditions.add((since) => `occurred_at >= now() - ${since}::interval`, interval);
    const equal = { category: query.category, actor_id: query.actor, event_type: query.type, record_type: query.recordType, record_id: query.recordId, result: query.result };
    for (const [column, value] of Object.entries(equal)) {
      if (value !== undefined) conditions.add((v) => `${column} = ${v}`, value);
    }
    return conditions;
  }

  private after(conditions: Conditions, cursor: ActivityCursor): void {
    conditions.add((at, position) => `(occurred_at, position) < (${at}::timestamptz, ${position})`, cursor.occurredAt, cursor.position);
  }
}

function toItem(row: FeedRow): ActivityItem {
  const hasDevice = row.device_type !== null || row.device_os !== null || row.device_browser !== null;
  return {
    position: row.position,
    eventId: row.event_id,
    streamName: row.stream_name,
    type: row.event_type,
    category: row.category,
    kind: row.kind,
    label: row.label,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name, impersonatorId: row.impersonator_id },
    result: row.result,
    ip: row.ip,
    device: hasDevice ? { type: row.device_type, os: row.device_os, browser: row.device_browser } : null,
    record: row.record_type !== null && row.record_id !== null ? { type: row.record_type, id: row.record_id, label: row.record_label } : null,
    url: row.url,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    details: row.details,
  };
}
