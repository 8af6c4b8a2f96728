import {
  parseRecordEventType,
  RECORD_ANNOTATION_EVENT_TYPES,
  RECORD_LIFECYCLE_EVENT_TYPES,
  type RecordAction,
  type RecordActionOf,
  type RecordAnnotationEventType,
  recordEventType,
  type RecordEventTypeOf,
  type RecordType,
} from '@trailmark/contracts';
import type { DomainEvent } from '../decider';
import type { FieldChange, JsonValue } from '../activity/host-values';

/** Why a kept fact looks odd. Facts are flagged, never refused, for these. */
export type RecordFlag =
  | 'record_not_seen_created'
  | 'record_deleted'
  | 'record_already_created'
  | 'previous_value_mismatch'
  | 'comment_not_seen_added'
  | 'note_not_seen_added';

export type Assignee = { id: string; name?: string };

export interface RecordEventBase<R extends RecordType = RecordType> {
  recordType: R;
  recordId: string;
  flags?: RecordFlag[];
}

type Nothing = Record<never, never>;

/** What each record action adds to the record, beside `recordType`, `recordId` and `flags`. */
export interface RecordEventDataByAction {
  Created: { fields: Record<string, JsonValue> };
  Updated: { changes: FieldChange[] };
  Deleted: Nothing;
  Assigned: { from: Assignee | null; to: Assignee | null };
  StatusChanged: { from: string | null; to: string };
  Replied: { replyId: string; body?: string };
  Resolved: Nothing;
  Reopened: Nothing;
  Snoozed: { until: string };
  CommentAdded: { commentId: string; body?: string };
  CommentDeleted: { commentId: string };
  NoteAdded: { noteId: string; body?: string };
  NoteDeleted: { noteId: string };
}

export type RecordEventAction = keyof RecordEventDataByAction;

export type RecordEventData<A extends RecordEventAction, R extends RecordType = RecordType> = RecordEventBase<R> & RecordEventDataByAction[A];

type LifecycleEventsOf<R extends RecordType> = {
  [A in RecordActionOf<R>]: DomainEvent<RecordEventTypeOf<R, A>, RecordEventData<A, R>>;
}[RecordActionOf<R>];

/** `TicketCreated`, `ConversationAssigned`, ...: one type per record type × action. */
export type RecordLifecycleEvent = { [R in RecordType]: LifecycleEventsOf<R> }[RecordType];

export type RecordAnnotationEvent = {
  [T in RecordAnnotationEventType]: DomainEvent<T, RecordEventData<T>>;
}[RecordAnnotationEventType];

export type RecordEvent = RecordLifecycleEvent | RecordAnnotationEvent;

export type RecordEventOfType<T extends RecordEvent['type']> = Extract<RecordEvent, { type: T }>;

export const recordEventTypes: readonly RecordEvent['type'][] = [...RECORD_LIFECYCLE_EVENT_TYPES, ...RECORD_ANNOTATION_EVENT_TYPES];

/** A record event seen by its action, whatever the record type: what evolve and projections switch on. */
export type RecordEventView = { [A in RecordEventAction]: { action: A; data: RecordEventData<A> } }[RecordEventAction];

export function viewRecordEvent(event: RecordEvent): RecordEventView {
  // TypeScript cannot tie a generated type name back to its action; the table in contracts does.
  const action = parseRecordEventType(event.type)?.action ?? event.type;
  return { action, data: event.data } as RecordEventView;
}

export function recordLifecycleEvent<A extends RecordAction>(action: A, data: RecordEventData<A>): RecordLifecycleEvent {
  return { type: recordEventType(data.recordType, action), data } as RecordLifecycleEvent;
}
