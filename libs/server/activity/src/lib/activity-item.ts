import { type ActivityItem, RECORD_TYPES } from '@trailmark/contracts';
import type { ActivityFeedRow } from '@trailmark/projections';

export type { ActivityItem };

/** A row as pg returns it: timestamps parsed, plus the exact occurred_at text the cursor keeps. */
export type FeedRow = Omit<ActivityFeedRow, 'workspace_id' | 'occurred_at' | 'recorded_at'> & {
  occurred_at: Date;
  recorded_at: Date;
  occurred_key: string;
  /** The record's label and state now, from the record timeline's `record_labels`; null when it has none. */
  current_label?: string | null;
  record_deleted?: boolean | null;
};

/** Every column, and occurred_at as Postgres prints it (microseconds kept) for the cursor. */
export const FEED_COLUMNS = `*, to_json(occurred_at) #>> '{}' AS occurred_key`;

/**
 * The record each row is about, as it is now: a renamed record shows its new
 * name, a deleted one says so. Types Trailmark tracks are keyed in lower case,
 * as the record timeline keys them.
 */
export const CURRENT_LABEL_COLUMNS = 'l.label AS current_label, l.deleted AS record_deleted';
/** The key `record_labels` has for a feed row `f`'s record: types Trailmark tracks in lower case, as the record timeline keys them. */
const LABEL_RECORD_TYPE = `CASE WHEN lower(f.record_type) IN (${RECORD_TYPES.map((type) => `'${type}'`).join(', ')}) THEN lower(f.record_type) ELSE f.record_type END`;

/**
 * A lookup per row: a join the planner may choose to hash would read every
 * label of the database for each export batch.
 */
export const CURRENT_LABEL_JOIN = `LEFT JOIN LATERAL (
    SELECT label, deleted FROM record_labels l WHERE l.workspace_id = f.workspace_id AND l.record_id = f.record_id
      AND l.record_type = ${LABEL_RECORD_TYPE}
    LIMIT 1) l ON true`;

/**
 * The same label for a query that reads a whole workspace's feed at once
 * (the CSV export): one hash of the workspace's labels beats a look-up per
 * row. At most one label matches, the key being `record_labels`'s primary key.
 */
export const CURRENT_LABEL_HASH_JOIN = `LEFT JOIN record_labels l ON l.workspace_id = f.workspace_id AND l.record_id = f.record_id AND l.record_type = ${LABEL_RECORD_TYPE}`;

/** Newest first; the position breaks ties between events of the same instant. */
export const FEED_ORDER = 'occurred_at DESC, position DESC';

export function toActivityItem(row: FeedRow): ActivityItem {
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
    record:
      row.record_type !== null && row.record_id !== null
        ? { type: row.record_type, id: row.record_id, label: row.current_label ?? row.record_label, deleted: row.record_deleted ?? false }
        : null,
    url: row.url,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    details: row.details,
  };
}
