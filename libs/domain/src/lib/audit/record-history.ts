import { type JsonValue, sameValue } from '../activity/host-values';
import type { DomainEvent } from '../decider';
import { type RecordEvent, recordEventTypes } from '../records/record.events';
import { evolveRecord, initialRecordState, type RecordLifecycle, type RecordState, recordLabel } from '../records/record.state';

/** A record's state as plain JSON, for a reader of the past. */
export interface RecordSnapshot {
  lifecycle: RecordLifecycle;
  label: string;
  fields: Readonly<Record<string, JsonValue>>;
  commentIds: string[];
  noteIds: string[];
}

/** What changed between two snapshots; a field absent on one side is `null` there. */
export interface RecordDiff {
  lifecycle: { from: RecordLifecycle; to: RecordLifecycle } | null;
  fields: Array<{ field: string; from: JsonValue | null; to: JsonValue | null }>;
  comments: { added: string[]; removed: string[] };
  notes: { added: string[]; removed: string[] };
}

const RECORD_EVENT_TYPES: ReadonlySet<string> = new Set(recordEventTypes);

/** Whether the record decider folds this event; a record stream may hold others (host actions filed under it). */
export function isRecordEvent(event: DomainEvent): event is RecordEvent {
  return RECORD_EVENT_TYPES.has(event.type);
}

export function foldRecordEvent(state: RecordState, event: DomainEvent): RecordState {
  return isRecordEvent(event) ? evolveRecord(state, event) : state;
}

export function recordSnapshot(state: RecordState, recordId: string): RecordSnapshot {
  return {
    lifecycle: state.lifecycle,
    label: recordLabel(state, recordId),
    fields: state.fields,
    commentIds: [...state.commentIds].sort(),
    noteIds: [...state.noteIds].sort(),
  };
}

/** The snapshot after each event, in order: what a replay shows step by step. */
export function recordSteps(events: readonly DomainEvent[], recordId: string, from: RecordState = initialRecordState()): RecordSnapshot[] {
  let state = from;
  return events.map((event) => {
    state = foldRecordEvent(state, event);
    return recordSnapshot(state, recordId);
  });
}

export function diffRecords(before: RecordSnapshot, after: RecordSnapshot): RecordDiff {
  const names = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])].sort();
  const value = (snapshot: RecordSnapshot, field: string) => (Object.hasOwn(snapshot.fields, field) ? snapshot.fields[field] : null);
  return {
    lifecycle: before.lifecycle === after.lifecycle ? null : { from: before.lifecycle, to: after.lifecycle },
    fields: names
      .filter((field) => Object.hasOwn(before.fields, field) !== Object.hasOwn(after.fields, field) || !sameValue(value(before, field), value(after, field)))
      .map((field) => ({ field, from: value(before, field), to: value(after, field) })),
    comments: setDiff(before.commentIds, after.commentIds),
    notes: setDiff(before.noteIds, after.noteIds),
  };
}

function setDiff(before: string[], after: string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((id) => !before.includes(id)), removed: before.filter((id) => !after.includes(id)) };
}
