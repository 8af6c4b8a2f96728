import type { CatalogueEntry, Category } from './catalogue.types';

export const RECORD_TYPES = ['ticket', 'asset', 'customer', 'conversation'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const LIFECYCLE_ACTIONS = ['Created', 'Updated', 'Deleted', 'Assigned', 'StatusChanged'] as const;
const CONVERSATION_ACTIONS = ['Replied', 'Resolved', 'Reopened', 'Snoozed'] as const;

export type RecordAction = (typeof LIFECYCLE_ACTIONS)[number] | (typeof CONVERSATION_ACTIONS)[number];

/**
 * Record types × actions: every per-type record event type (`TicketCreated`,
 * `ConversationAssigned`, ...) is generated from this table.
 */
export const RECORD_ACTIONS = {
  ticket: [...LIFECYCLE_ACTIONS, ...CONVERSATION_ACTIONS],
  asset: LIFECYCLE_ACTIONS,
  customer: LIFECYCLE_ACTIONS,
  conversation: [...LIFECYCLE_ACTIONS, ...CONVERSATION_ACTIONS],
} as const satisfies Record<RecordType, readonly RecordAction[]>;

export type RecordActionOf<R extends RecordType> = (typeof RECORD_ACTIONS)[R][number];

export type RecordEventTypeOf<R extends RecordType, A extends RecordAction> = `${Capitalize<R>}${A}`;

export type RecordLifecycleEventType = { [R in RecordType]: RecordEventTypeOf<R, RecordActionOf<R>> }[RecordType];

/**
 * Comments and internal notes are one event type each whatever the record, so
 * a host's `comment.added` maps to one type; the record is in the data.
 */
export const RECORD_ANNOTATION_EVENT_TYPES = ['CommentAdded', 'CommentDeleted', 'NoteAdded', 'NoteDeleted'] as const;
export type RecordAnnotationEventType = (typeof RECORD_ANNOTATION_EVENT_TYPES)[number];

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

export function supportsRecordAction(recordType: RecordType, action: RecordAction): boolean {
  return (RECORD_ACTIONS[recordType] as readonly RecordAction[]).includes(action);
}

export function recordEventType<R extends RecordType, A extends RecordAction>(recordType: R, action: A): RecordEventTypeOf<R, A> {
  return `${recordType.charAt(0).toUpperCase()}${recordType.slice(1)}${action}` as RecordEventTypeOf<R, A>;
}

const PARSED_RECORD_EVENT_TYPES = new Map(
  RECORD_TYPES.flatMap((recordType) =>
    RECORD_ACTIONS[recordType].map((action) => [recordEventType(recordType, action) as string, { recordType, action }] as const),
  ),
);

export const RECORD_LIFECYCLE_EVENT_TYPES = [...PARSED_RECORD_EVENT_TYPES.keys()] as RecordLifecycleEventType[];

/** `TicketAssigned` → `{ recordType: 'ticket', action: 'Assigned' }`; undefined for any other type. */
export function parseRecordEventType(type: string): { recordType: RecordType; action: RecordAction } | undefined {
  return PARSED_RECORD_EVENT_TYPES.get(type);
}

const ACTION_LABELS: Record<RecordAction, (recordType: RecordType) => string> = {
  Created: (recordType) => `Created ${recordType}`,
  Updated: (recordType) => `Updated ${recordType}`,
  Deleted: (recordType) => `Deleted ${recordType}`,
  Assigned: (recordType) => `Assigned ${recordType}`,
  StatusChanged: (recordType) => `Changed ${recordType} status`,
  Replied: (recordType) => `Replied to ${recordType}`,
  Resolved: (recordType) => `Resolved ${recordType}`,
  Reopened: (recordType) => `Reopened ${recordType}`,
  Snoozed: (recordType) => `Snoozed ${recordType}`,
};

/** Conversations are the inbox, and a reply is a message wherever it is posted. */
function recordCategory(recordType: RecordType, action: RecordAction): Category {
  return recordType === 'conversation' || action === 'Replied' ? 'Inbox' : 'Records';
}

const ANNOTATION_ENTRIES: Record<RecordAnnotationEventType, CatalogueEntry> = {
  CommentAdded: { category: 'Inbox', kind: 'write', label: 'Added comment' },
  CommentDeleted: { category: 'Inbox', kind: 'write', label: 'Deleted comment' },
  NoteAdded: { category: 'Notes', kind: 'write', label: 'Added internal note' },
  NoteDeleted: { category: 'Notes', kind: 'write', label: 'Deleted internal note' },
};

export const RECORDS_CATALOGUE: Readonly<Record<RecordLifecycleEventType | RecordAnnotationEventType, CatalogueEntry>> = {
  ...(Object.fromEntries(
    [...PARSED_RECORD_EVENT_TYPES].map(([type, { recordType, action }]) => [
      type,
      { category: recordCategory(recordType, action), kind: 'write', label: ACTION_LABELS[action](recordType) },
    ]),
  ) as Record<RecordLifecycleEventType, CatalogueEntry>),
  ...ANNOTATION_ENTRIES,
};
