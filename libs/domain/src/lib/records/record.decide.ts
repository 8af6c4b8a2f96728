import { isRecordType, RECORD_TYPES, type RecordAction, supportsRecordAction } from '@trailmark/contracts';
import { type DecideContext, type Decider, DomainError } from '../decider';
import { flagged, present, requireText, sameValue } from '../activity/host-values';
import { lifecycleFlags, settleChange } from './record-changes';
import type {
  AddComment,
  AddNote,
  AssignRecord,
  ChangeRecordStatus,
  CreateRecord,
  DeleteComment,
  DeleteNote,
  DeleteRecord,
  RecordCommand,
  RecordTarget,
  ReopenRecord,
  ReplyToRecord,
  ResolveRecord,
  SnoozeRecord,
  UpdateRecord,
} from './record.commands';
import {
  type Assignee,
  type RecordAnnotationEvent,
  type RecordEvent,
  type RecordFlag,
  type RecordLifecycleEvent,
  recordLifecycleEvent,
} from './record.events';
import { evolveRecord, initialRecordState, knownAssignee, knownField, knownStatus, type RecordState } from './record.state';

const CREATE_FLAGS: Record<RecordState['lifecycle'], RecordFlag[]> = {
  not_seen: [],
  active: ['record_already_created'],
  deleted: ['record_deleted'],
};

export function createRecord({ data }: CreateRecord, state: RecordState): RecordLifecycleEvent[] {
  const target = requireTarget(data, 'Created');
  return [recordLifecycleEvent('Created', { ...target, fields: data.fields ?? {}, ...flagged(CREATE_FLAGS[state.lifecycle]) })];
}

export function updateRecord({ data }: UpdateRecord, state: RecordState): RecordLifecycleEvent[] {
  const target = requireTarget(data, 'Updated');
  if (!Array.isArray(data.changes)) throw new DomainError('changes_required', 'An update must list its changes');
  const settled = data.changes.flatMap(({ field, from, to }) => {
    requireText(field, 'field_required', 'The name of a changed field');
    const change = settleChange({ known: knownField(state, field), from, to }, sameValue);
    return change ? [{ field, to, ...change }] : [];
  });
  if (settled.length === 0) return [];
  const changes = settled.map(({ field, from, to }) => ({ field, from, to }));
  const mismatch = settled.some((change) => change.mismatch);
  return [recordLifecycleEvent('Updated', { ...target, changes, ...flagged(recordFlags(state, mismatch)) })];
}

export function deleteRecord({ data }: DeleteRecord, state: RecordState): RecordLifecycleEvent[] {
  return [recordLifecycleEvent('Deleted', { ...requireTarget(data, 'Deleted'), ...flagged(lifecycleFlags(state)) })];
}

export function assignRecord({ data }: AssignRecord, state: RecordState): RecordLifecycleEvent[] {
  const target = requireTarget(data, 'Assigned');
  if (data.to !== null) requireText(data.to?.id, 'assignee_id_required', 'The new assignee id (or null to unassign)');
  const change = settleChange({ known: knownAssignee(state), from: data.from, to: data.to }, sameAssignee);
  if (!change) return [];
  return [recordLifecycleEvent('Assigned', { ...target, from: change.from, to: data.to, ...flagged(recordFlags(state, change.mismatch)) })];
}

export function changeRecordStatus({ data }: ChangeRecordStatus, state: RecordState): RecordLifecycleEvent[] {
  const target = requireTarget(data, 'StatusChanged');
  const to = requireText(data.to, 'status_required', 'The new status');
  const change = settleChange({ known: knownStatus(state), from: data.from, to }, (a, b) => a === b);
  if (!change) return [];
  return [recordLifecycleEvent('StatusChanged', { ...target, from: change.from, to, ...flagged(recordFlags(state, change.mismatch)) })];
}

export function replyToRecord({ data }: ReplyToRecord, state: RecordState, { newId }: DecideContext): RecordLifecycleEvent[] {
  const target = requireTarget(data, 'Replied');
  const replyId = data.replyId || newId();
  return [recordLifecycleEvent('Replied', { ...target, replyId, ...present({ body: data.body }), ...flagged(lifecycleFlags(state)) })];
}

export function resolveRecord({ data }: ResolveRecord, state: RecordState): RecordLifecycleEvent[] {
  return [recordLifecycleEvent('Resolved', { ...requireTarget(data, 'Resolved'), ...flagged(lifecycleFlags(state)) })];
}

export function reopenRecord({ data }: ReopenRecord, state: RecordState): RecordLifecycleEvent[] {
  return [recordLifecycleEvent('Reopened', { ...requireTarget(data, 'Reopened'), ...flagged(lifecycleFlags(state)) })];
}

export function snoozeRecord({ data }: SnoozeRecord, state: RecordState): RecordLifecycleEvent[] {
  const target = requireTarget(data, 'Snoozed');
  const until = Date.parse(requireText(data.until, 'snooze_until_required', 'The time the snooze ends'));
  if (Number.isNaN(until)) throw new DomainError('snooze_until_invalid', `"${data.until}" is not a date and time`);
  return [recordLifecycleEvent('Snoozed', { ...target, until: new Date(until).toISOString(), ...flagged(lifecycleFlags(state)) })];
}

export function addComment({ data }: AddComment, state: RecordState, { newId }: DecideContext): RecordAnnotationEvent[] {
  const target = requireTarget(data);
  const commentId = data.commentId || newId();
  return [{ type: 'CommentAdded', data: { ...target, commentId, ...present({ body: data.body }), ...flagged(lifecycleFlags(state)) } }];
}

export function deleteComment({ data }: DeleteComment, state: RecordState): RecordAnnotationEvent[] {
  const target = requireTarget(data);
  const commentId = requireText(data.commentId, 'comment_id_required', 'The deleted comment id');
  const flags = [...lifecycleFlags(state), ...(state.commentIds.has(commentId) ? [] : (['comment_not_seen_added'] as const))];
  return [{ type: 'CommentDeleted', data: { ...target, commentId, ...flagged(flags) } }];
}

export function addNote({ data }: AddNote, state: RecordState, { newId }: DecideContext): RecordAnnotationEvent[] {
  const target = requireTarget(data);
  const noteId = data.noteId || newId();
  return [{ type: 'NoteAdded', data: { ...target, noteId, ...present({ body: data.body }), ...flagged(lifecycleFlags(state)) } }];
}

export function deleteNote({ data }: DeleteNote, state: RecordState): RecordAnnotationEvent[] {
  const target = requireTarget(data);
  const noteId = requireText(data.noteId, 'note_id_required', 'The deleted note id');
  const flags = [...lifecycleFlags(state), ...(state.noteIds.has(noteId) ? [] : (['note_not_seen_added'] as const))];
  return [{ type: 'NoteDeleted', data: { ...target, noteId, ...flagged(flags) } }];
}

export function decideRecord(command: RecordCommand, state: RecordState, context: DecideContext): RecordEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateRecord':
      return createRecord(command, state);
    case 'UpdateRecord':
      return updateRecord(command, state);
    case 'DeleteRecord':
      return deleteRecord(command, state);
    case 'AssignRecord':
      return assignRecord(command, state);
    case 'ChangeRecordStatus':
      return changeRecordStatus(command, state);
    case 'ReplyToRecord':
      return replyToRecord(command, state, context);
    case 'ResolveRecord':
      return resolveRecord(command, state);
    case 'ReopenRecord':
      return reopenRecord(command, state);
    case 'SnoozeRecord':
      return snoozeRecord(command, state);
    case 'AddComment':
      return addComment(command, state, context);
    case 'DeleteComment':
      return deleteComment(command, state);
    case 'AddNote':
      return addNote(command, state, context);
    case 'DeleteNote':
      return deleteNote(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const recordDecider: Decider<RecordState, RecordCommand, RecordEvent> = {
  initialState: initialRecordState,
  evolve: evolveRecord,
  decide: decideRecord,
};

function requireTarget({ recordType, recordId }: RecordTarget, action?: RecordAction): RecordTarget {
  if (!isRecordType(recordType)) {
    throw new DomainError('unknown_record_type', `"${recordType}" is not a record type (${RECORD_TYPES.join(', ')})`);
  }
  requireText(recordId, 'record_id_required', 'A record id');
  if (action && !supportsRecordAction(recordType, action)) {
    throw new DomainError('action_not_supported', `A ${recordType} record has no ${action} action`);
  }
  return { recordType, recordId };
}

function recordFlags(state: RecordState, mismatch: boolean): RecordFlag[] {
  return mismatch ? [...lifecycleFlags(state), 'previous_value_mismatch'] : lifecycleFlags(state);
}

function sameAssignee(a: Assignee | null, b: Assignee | null): boolean {
  return a?.id === b?.id;
}
