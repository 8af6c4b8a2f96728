import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { RecordTimelineRow, TimelineChange, TimelineEntry } from '@trailmark/projections';
import type { Pool } from 'pg';
import { encodeActivityCursor } from './activity-cursor';
import type { RecordTimelineQuery } from './record-timeline-query.schema';

/** A record by the host's stable id, in one workspace. */
export interface RecordRef {
  workspaceId: string;
  recordType: string;
  recordId: string;
}

/** The record as it stands now: its current label links every entry to it, deleted or not. */
export interface TimelineRecord {
  type: string;
  id: string;
  label: string;
  deleted: boolean;
}

export interface RecordTimelineItem {
  position: string;
  eventId: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  entry: TimelineEntry;
  actor: { kind: string | null; id: string | null; name: string | null };
  occurredAt: string;
  recordedAt: string;
  changes: TimelineChange[];
  body: string | null;
  from: unknown;
  to: unknown;
  /** The page's URL, on a page view. */
  url: string | null;
  details: unknown;
  record: TimelineRecord;
}

export interface RecordTimelinePage {
  record: TimelineRecord & { createdAt: string | null };
  items: RecordTimelineItem[];
  nextCursor: string | null;
  total: number;
}

type TimelineRow = Omit<RecordTimelineRow, 'workspace_id' | 'record_type' | 'record_id' | 'occurred_at' | 'recorded_at'> & {
  occurred_at: Date;
  recorded_at: Date;
  occurred_key: string;
};

const KEY = 'workspace_id = $1 AND record_type = $2 AND record_id = $3';

/** Pages of one record's `record_timeline`, in either order, with a keyset cursor over (occurred_at, position). */
@Injectable()
export class RecordTimelineReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Undefined when the workspace has no such record. */
  async page({ workspaceId, recordType, recordId }: RecordRef, query: RecordTimelineQuery): Promise<RecordTimelinePage | undefined> {
    const key = [workspaceId, recordType, recordId];
    const summary = await this.pool.query<{ label: string; deleted: boolean; created_at: Date | null; total: number }>(
      `SELECT label, deleted, created_at, (SELECT count(*)::int FROM record_timeline WHERE ${KEY}) AS total FROM record_labels WHERE ${KEY}`,
      key,
    );
    const found = summary.rows[0];
    if (!found || found.total === 0) return undefined;
    const [before, direction] = query.order === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
    const after = query.cursor ? `AND (occurred_at, position) ${before} ($4::timestamptz, $5)` : '';
    const { rows } = await this.pool.query<TimelineRow>(
      `SELECT *, to_json(occurred_at) #>> '{}' AS occurred_key FROM record_timeline WHERE ${KEY} ${after}
       ORDER BY occurred_at ${direction}, position ${direction} LIMIT ${query.limit + 1}`,
      query.cursor ? [...key, query.cursor.occurredAt, query.cursor.position] : key,
    );
    const record = { type: recordType, id: recordId, label: found.label, deleted: found.deleted };
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const more = rows.length > query.limit && last !== undefined;
    return {
      record: { ...record, createdAt: found.created_at?.toISOString() ?? null },
      items: items.map((row) => toItem(row, record)),
      nextCursor: more ? encodeActivityCursor({ occurredAt: last.occurred_key, position: last.position }) : null,
      total: found.total,
    };
  }
}

function toItem(row: TimelineRow, record: TimelineRecord): RecordTimelineItem {
  return {
    position: row.position,
    eventId: row.event_id,
    type: row.event_type,
    category: row.category,
    kind: row.kind,
    label: row.label,
    entry: row.entry,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    changes: row.changes,
    body: row.body,
    from: row.from_value,
    to: row.to_value,
    url: row.url,
    details: row.details,
    record,
  };
}
