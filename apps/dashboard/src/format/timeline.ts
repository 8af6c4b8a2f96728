import type { FieldChange, TimelineItem } from '../api/api-types';

const MOVED_FIELD: Partial<Record<TimelineItem['entry'], string>> = { status: 'status', assigned: 'assignee' };

/** The previous → new values an entry shows: its own changes, or the from/to of a status change or assignment. */
export function timelineChanges(item: Pick<TimelineItem, 'entry' | 'changes' | 'from' | 'to'>): FieldChange[] {
  if (item.changes.length > 0) return item.changes;
  const field = MOVED_FIELD[item.entry];
  if (!field || (item.from == null && item.to == null)) return [];
  return [{ field, previous: item.from ?? null, new: item.to ?? null }];
}

const ENTRY_NAMES: Record<TimelineItem['entry'], string> = {
  created: 'Creation',
  updated: 'Change',
  status: 'Status change',
  assigned: 'Assignment',
  comment: 'Comment',
  reply: 'Reply',
  deleted: 'Deletion',
  file: 'File',
  viewed: 'View',
  other: 'Activity',
};

export const entryName = (entry: TimelineItem['entry']) => ENTRY_NAMES[entry] ?? 'Activity';
