import type { RecordType } from '@trailmark/contracts';
import type { Command } from '../decider';
import type { FieldChangeClaim, JsonValue } from '../activity/host-values';
import type { Assignee } from './record.events';

/** The record a host action is about: the host's stable id, never the number, which may come later. */
export interface RecordTarget {
  recordType: RecordType;
  recordId: string;
}

export type CreateRecord = Command<'CreateRecord', RecordTarget & { fields?: Record<string, JsonValue> }>;
export type UpdateRecord = Command<'UpdateRecord', RecordTarget & { changes: FieldChangeClaim[] }>;
export type DeleteRecord = Command<'DeleteRecord', RecordTarget>;
/** `from` is what the host says the assignee was; left out, Trailmark uses the last one it knows. */
export type AssignRecord = Command<'AssignRecord', RecordTarget & { from?: Assignee | null; to: Assignee | null }>;
export type ChangeRecordStatus = Command<'ChangeRecordStatus', RecordTarget & { from?: string | null; to: string }>;
export type ReplyToRecord = Command<'ReplyToRecord', RecordTarget & { replyId?: string; body?: string }>;
export type ResolveRecord = Command<'ResolveRecord', RecordTarget>;
export type ReopenRecord = Command<'ReopenRecord', RecordTarget>;
export type SnoozeRecord = Command<'SnoozeRecord', RecordTarget & { until: string }>;
export type AddComment = Command<'AddComment', RecordTarget & { commentId?: string; body?: string }>;
export type DeleteComment = Command<'DeleteComment', RecordTarget & { commentId: string }>;
export type AddNote = Command<'AddNote', RecordTarget & { noteId?: string; body?: string }>;
export type DeleteNote = Command<'DeleteNote', RecordTarget & { noteId: string }>;

export type RecordCommand =
  | CreateRecord
  | UpdateRecord
  | DeleteRecord
  | AssignRecord
  | ChangeRecordStatus
  | ReplyToRecord
  | ResolveRecord
  | ReopenRecord
  | SnoozeRecord
  | AddComment
  | DeleteComment
  | AddNote
  | DeleteNote;
