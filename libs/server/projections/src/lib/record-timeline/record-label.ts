import { initialRecordState, type JsonValue, recordLabel } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import { bag, isRecordEventType, type RecordTimelineRow, text, type TimelineChange } from './record-timeline-row';

/** One `record_labels` row, named as its columns. */
export interface RecordLabelRow {
  workspace_id: string;
  record_type: string;
  record_id: string;
  label: string;
  /** Last known value of each naming field. */
  names: Record<string, JsonValue>;
  /** The name the host gave the record as an event's target. */
  host_name: string | null;
  created_at: string | null;
  deleted: boolean;
  /** The last event folded in: an event at or before it changes nothing, so a replay is a no-op. */
  position: string;
}

/** The fields `recordLabel` reads, and a subject, which names a conversation or a ticket when nothing else does. */
const NAME_FIELDS: ReadonlySet<string> = new Set(['number', 'name', 'title', 'label', 'subject']);

/**
 * The name the host gave the record itself. A page view's target is the page
 * and a file event's is the file, so only record events and generic activity
 * aimed at the record count.
 */
export function hostRecordName(event: RecordedEvent): string | null {
  if (event.type === 'ActivityRecorded') return text(bag(bag(event.data)['target'])['name']);
  return isRecordEventType(event.type) ? text(bag(bag(event.metadata['host'])['target'])['name']) : null;
}

/** Folds one timeline row (and the host's name for the record, if it gave one) into the record's label. */
export function evolveRecordLabel(current: RecordLabelRow | undefined, row: RecordTimelineRow, hostName: string | null): RecordLabelRow {
  if (current && row.position <= current.position) return current;
  const state = current ?? { names: {}, host_name: null, created_at: null, deleted: false };
  const named = namesIn(row.changes);
  const created = row.entry === 'created';
  // As the record decider folds fields: a re-creation after deletion starts afresh, otherwise values already known win.
  const names = !created ? { ...state.names, ...named } : state.deleted ? named : { ...named, ...state.names };
  const host_name = hostName ?? state.host_name;
  return {
    workspace_id: row.workspace_id,
    record_type: row.record_type,
    record_id: row.record_id,
    label: labelOf(names, host_name, row.record_id),
    names,
    host_name,
    created_at: created && (state.created_at === null || state.deleted) ? row.occurred_at : state.created_at,
    deleted: row.entry === 'deleted' || (state.deleted && !created),
    position: row.position,
  };
}

/** The record's own name first (its number once it has one, as the domain labels records), then the host's, then its id. */
function labelOf(names: Record<string, JsonValue>, hostName: string | null, recordId: string): string {
  return recordLabel({ ...initialRecordState(), fields: names }, '') || text(names['subject']) || hostName || recordId;
}

function namesIn(changes: TimelineChange[]): Record<string, JsonValue> {
  return Object.fromEntries(changes.filter(({ field }) => NAME_FIELDS.has(field)).map((change) => [change.field, change.new as JsonValue]));
}
