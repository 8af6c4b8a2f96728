import type { JsonValue } from '../activity/host-values';
import { type Assignee, type RecordEvent, viewRecordEvent } from './record.events';

export type RecordLifecycle = 'not_seen' | 'active' | 'deleted';

const STATUS_FIELD = 'status';
const ASSIGNEE_FIELD = 'assignee';
/** Fields that name a record, in the order the label prefers them. */
const LABEL_FIELDS = ['number', 'name', 'title', 'label'] as const;

export interface RecordState {
  lifecycle: RecordLifecycle;
  /** Last known value of each field, status and assignee included; a missing key was never reported. */
  fields: Readonly<Record<string, JsonValue>>;
  commentIds: ReadonlySet<string>;
  noteIds: ReadonlySet<string>;
}

export const initialRecordState = (): RecordState => ({
  lifecycle: 'not_seen',
  fields: {},
  commentIds: new Set(),
  noteIds: new Set(),
});

export function evolveRecord(state: RecordState, event: RecordEvent): RecordState {
  const view = viewRecordEvent(event);
  switch (view.action) {
    case 'Created':
      // Updates seen before the creation happened after it, so their values win; a re-creation starts afresh.
      return { ...state, lifecycle: 'active', fields: state.lifecycle === 'deleted' ? view.data.fields : { ...view.data.fields, ...state.fields } };
    case 'Updated':
      return withFields(state, Object.fromEntries(view.data.changes.map(({ field, to }) => [field, to])));
    case 'Deleted':
      return { ...state, lifecycle: 'deleted' };
    case 'Assigned':
      return withFields(state, { [ASSIGNEE_FIELD]: view.data.to });
    case 'StatusChanged':
      return withFields(state, { [STATUS_FIELD]: view.data.to });
    case 'Replied':
    case 'Resolved':
    case 'Reopened':
    case 'Snoozed':
      return state;
    case 'CommentAdded':
      return { ...state, commentIds: new Set(state.commentIds).add(view.data.commentId) };
    case 'CommentDeleted':
      return { ...state, commentIds: without(state.commentIds, view.data.commentId) };
    case 'NoteAdded':
      return { ...state, noteIds: new Set(state.noteIds).add(view.data.noteId) };
    case 'NoteDeleted':
      return { ...state, noteIds: without(state.noteIds, view.data.noteId) };
    default: {
      const unknown: never = view;
      return unknown;
    }
  }
}

/** The record's last known value of `field`, or undefined when never reported. */
export function knownField(state: RecordState, field: string): JsonValue | undefined {
  return Object.hasOwn(state.fields, field) ? state.fields[field] : undefined;
}

export function knownAssignee(state: RecordState): Assignee | null | undefined {
  const value = knownField(state, ASSIGNEE_FIELD);
  if (value === undefined || value === null) return value;
  if (typeof value === 'string' || typeof value === 'number') return { id: String(value) };
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as Assignee).id === 'string') return value as Assignee;
  return null;
}

export function knownStatus(state: RecordState): string | null | undefined {
  const value = knownField(state, STATUS_FIELD);
  if (value === undefined || value === null) return value;
  return typeof value === 'object' ? null : String(value);
}

/** How people see a record: its number once it has one, else its name, else its id. */
export function recordLabel(state: RecordState, recordId: string): string {
  for (const field of LABEL_FIELDS) {
    const value = knownField(state, field);
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value);
  }
  return recordId;
}

function withFields(state: RecordState, fields: Record<string, JsonValue>): RecordState {
  return { ...state, fields: { ...state.fields, ...fields } };
}

function without(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const rest = new Set(ids);
  rest.delete(id);
  return rest;
}
