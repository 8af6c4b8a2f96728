import { describeEvent, isRecordType, PLATFORM } from '@trailmark/contracts';
import { type RecordEvent, recordEventTypes, viewRecordEvent } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';

/** How the Activity tab shows an entry. */
export type TimelineEntry = 'created' | 'updated' | 'status' | 'assigned' | 'comment' | 'reply' | 'deleted' | 'file' | 'viewed' | 'other';

/** One field's change; `previous` is null when it was never known (and on a creation). */
export interface TimelineChange {
  field: string;
  previous: unknown;
  new: unknown;
}

/** One `record_timeline` row, named as its columns. */
export interface RecordTimelineRow {
  position: string;
  event_id: string;
  workspace_id: string;
  record_type: string;
  record_id: string;
  event_type: string;
  category: string;
  kind: string;
  label: string;
  entry: TimelineEntry;
  actor_kind: string | null;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: string;
  recorded_at: string;
  changes: TimelineChange[];
  body: string | null;
  from_value: unknown;
  to_value: unknown;
  url: string | null;
  details: unknown;
}

/** What an event says about its record, beside the envelope. */
interface EntryFacts {
  entry: TimelineEntry;
  changes?: TimelineChange[];
  body?: unknown;
  from?: unknown;
  to?: unknown;
  url?: unknown;
}

type Bag = Record<string, unknown>;

const RECORD_EVENT_TYPES: ReadonlySet<string> = new Set(recordEventTypes);

export const bag = (value: unknown): Bag => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : {});
export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** Ticket, asset, customer and conversation events, and comments and notes on them. */
export function isRecordEventType(type: string): boolean {
  return RECORD_EVENT_TYPES.has(type);
}

/**
 * The timeline row of an event about a record, keyed by the host's stable
 * record id; undefined for events about no record and for platform events.
 */
export function recordTimelineRow(event: RecordedEvent): RecordTimelineRow | undefined {
  const workspaceId = event.metadata['workspaceId'];
  if (typeof workspaceId !== 'string' || workspaceId === PLATFORM) return undefined;
  const data = bag(event.data);
  const subject = subjectOf(event.type, data);
  const recordType = text(subject?.recordType);
  const recordId = text(subject?.recordId);
  if (!subject || recordType === null || recordId === null) return undefined;
  const { facts } = subject;
  const { category, kind, label } = describeEvent(event.type, data);
  const actor = bag(event.metadata['actor']);
  return {
    position: event.position,
    event_id: event.id,
    workspace_id: workspaceId,
    record_type: trackedType(recordType),
    record_id: recordId,
    event_type: event.type,
    category,
    kind,
    label,
    entry: facts.entry,
    actor_kind: text(actor['kind']),
    actor_id: text(actor['id']),
    actor_name: text(actor['name']),
    occurred_at: text(event.metadata['occurredAt']) ?? event.recordedAt.toISOString(),
    recorded_at: event.recordedAt.toISOString(),
    changes: facts.changes ?? [],
    body: text(facts.body),
    from_value: facts.from ?? null,
    to_value: facts.to ?? null,
    url: text(facts.url),
    details: event.data ?? {},
  };
}

function subjectOf(type: string, data: Bag): { recordType: unknown; recordId: unknown; facts: EntryFacts } | undefined {
  const onRecord = { recordType: data['recordType'], recordId: data['recordId'] };
  if (isRecordEventType(type)) return { ...onRecord, facts: recordEventFacts({ type, data } as unknown as RecordEvent) };
  switch (type) {
    case 'FileAttached':
      return { ...onRecord, facts: { entry: 'file' } };
    case 'PageViewed':
      return { ...onRecord, facts: { entry: 'viewed', url: data['url'] } };
    case 'ActivityRecorded': {
      const target = bag(data['target']);
      const changes = changesOf(data['changes']);
      return { recordType: target['recordType'], recordId: target['recordId'], facts: { entry: changes.length > 0 ? 'updated' : 'other', changes } };
    }
    default:
      return undefined;
  }
}

function recordEventFacts(event: RecordEvent): EntryFacts {
  const view = viewRecordEvent(event);
  switch (view.action) {
    case 'Created':
      return { entry: 'created', changes: Object.entries(bag(view.data.fields)).map(([field, value]) => ({ field, previous: null, new: value })) };
    case 'Updated':
      return { entry: 'updated', changes: changesOf(view.data.changes) };
    case 'Deleted':
      return { entry: 'deleted' };
    case 'Assigned':
      return { entry: 'assigned', from: view.data.from, to: view.data.to };
    case 'StatusChanged':
      return { entry: 'status', from: view.data.from, to: view.data.to };
    case 'Replied':
      return { entry: 'reply', body: view.data.body };
    case 'CommentAdded':
    case 'NoteAdded':
      return { entry: 'comment', body: view.data.body };
    case 'Resolved':
    case 'Reopened':
    case 'Snoozed':
    case 'CommentDeleted':
    case 'NoteDeleted':
      return { entry: 'other' };
    default: {
      const unknown: never = view;
      return unknown;
    }
  }
}

/** Stored changes are `{ field, from, to }`; anything else in the list is left out rather than failing the batch. */
function changesOf(value: unknown): TimelineChange[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((change) => {
    const { field, from, to } = bag(change);
    return typeof field === 'string' ? [{ field, previous: from ?? null, new: to ?? null }] : [];
  });
}

/** Hosts spell record types as they like; a type Trailmark tracks is keyed as its own events spell it. */
function trackedType(recordType: string): string {
  const lower = recordType.toLowerCase();
  return isRecordType(lower) ? lower : recordType;
}
