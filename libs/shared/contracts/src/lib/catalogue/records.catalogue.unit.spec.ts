import { CATEGORIES } from './catalogue.types';
import {
  parseRecordEventType,
  RECORD_ACTIONS,
  RECORD_ANNOTATION_EVENT_TYPES,
  RECORD_LIFECYCLE_EVENT_TYPES,
  RECORD_TYPES,
  recordEventType,
  RECORDS_CATALOGUE,
  supportsRecordAction,
} from './records.catalogue';

describe('records catalogue', () => {
  it('generates one event type per record type and action', () => {
    const expected = RECORD_TYPES.flatMap((recordType) => RECORD_ACTIONS[recordType].length);
    expect(RECORD_LIFECYCLE_EVENT_TYPES).toHaveLength(expected.reduce((sum, count) => sum + count, 0));
    expect(RECORD_LIFECYCLE_EVENT_TYPES).toEqual(
      expect.arrayContaining(['TicketCreated', 'TicketAssigned', 'AssetStatusChanged', 'CustomerDeleted', 'ConversationSnoozed']),
    );
  });

  it('gives replies, resolutions, reopenings and snoozes only to tickets and conversations', () => {
    expect(supportsRecordAction('ticket', 'Resolved')).toBe(true);
    expect(supportsRecordAction('conversation', 'Replied')).toBe(true);
    expect(supportsRecordAction('asset', 'Replied')).toBe(false);
    expect(supportsRecordAction('customer', 'Snoozed')).toBe(false);
  });

  it('parses a record event type back into its record type and action', () => {
    expect(parseRecordEventType('ConversationStatusChanged')).toEqual({ recordType: 'conversation', action: 'StatusChanged' });
    expect(recordEventType('customer', 'Updated')).toBe('CustomerUpdated');
  });

  it.each(['AssetReplied', 'CommentAdded', 'SignedIn', 'toString'])('parses %s as no record event type', (type) => {
    expect(parseRecordEventType(type)).toBeUndefined();
  });

  it.each([
    ['TicketCreated', 'Records', 'Created ticket'],
    ['TicketStatusChanged', 'Records', 'Changed ticket status'],
    ['AssetAssigned', 'Records', 'Assigned asset'],
    ['TicketResolved', 'Records', 'Resolved ticket'],
    ['TicketReplied', 'Inbox', 'Replied to ticket'],
    ['ConversationAssigned', 'Inbox', 'Assigned conversation'],
    ['ConversationCreated', 'Inbox', 'Created conversation'],
    ['ConversationSnoozed', 'Inbox', 'Snoozed conversation'],
    ['CommentAdded', 'Inbox', 'Added comment'],
    ['CommentDeleted', 'Inbox', 'Deleted comment'],
    ['NoteAdded', 'Notes', 'Added internal note'],
    ['NoteDeleted', 'Notes', 'Deleted internal note'],
  ] as const)('files %s under %s as "%s"', (type, category, label) => {
    expect(RECORDS_CATALOGUE[type]).toEqual({ category, kind: 'write', label });
  });

  it('has an entry in a known category for every record and annotation event type', () => {
    const types = [...RECORD_LIFECYCLE_EVENT_TYPES, ...RECORD_ANNOTATION_EVENT_TYPES];
    expect(Object.keys(RECORDS_CATALOGUE).sort()).toEqual([...types].sort());
    for (const type of types) expect(CATEGORIES).toContain(RECORDS_CATALOGUE[type].category);
  });
});
