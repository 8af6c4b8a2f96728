import { deciderSpec, fixedContext } from '../decider-spec';
import type { RecordCommand } from './record.commands';
import { recordDecider } from './record.decide';
import type { RecordEvent } from './record.events';

const given = (events: RecordEvent[]) => deciderSpec(recordDecider, fixedContext(undefined, ['generated-1'])).given(events);

const ticket = { recordType: 'ticket', recordId: 'tck-1' } as const;
const conversation = { recordType: 'conversation', recordId: 'conv-1' } as const;
const asset = { recordType: 'asset', recordId: 'ast-1' } as const;
const ann = { id: 'agent-1', name: 'Ann' };
const bob = { id: 'agent-2', name: 'Bob' };

const ticketCreated: RecordEvent = { type: 'TicketCreated', data: { ...ticket, fields: { title: 'Printer on fire', status: 'open' } } };
const ticketDeleted: RecordEvent = { type: 'TicketDeleted', data: ticket };
const conversationCreated: RecordEvent = { type: 'ConversationCreated', data: { ...conversation, fields: { assignee: ann } } };

describe('record decider', () => {
  describe('CreateRecord', () => {
    it.each([
      ['ticket', 'TicketCreated'],
      ['asset', 'AssetCreated'],
      ['customer', 'CustomerCreated'],
      ['conversation', 'ConversationCreated'],
    ] as const)('records %s creation as %s', (recordType, type) => {
      const target = { recordType, recordId: 'rec-1' };
      given([])
        .when({ type: 'CreateRecord', data: { ...target, fields: { name: 'First' } } })
        .then([{ type, data: { ...target, fields: { name: 'First' } } } as RecordEvent]);
    });

    it('records a creation without fields as empty fields', () => {
      given([]).when({ type: 'CreateRecord', data: ticket }).then([{ type: 'TicketCreated', data: { ...ticket, fields: {} } }]);
    });

    it('keeps a second creation, flagged', () => {
      given([ticketCreated])
        .when({ type: 'CreateRecord', data: { ...ticket, fields: {} } })
        .then([{ type: 'TicketCreated', data: { ...ticket, fields: {}, flags: ['record_already_created'] } }]);
    });

    it('keeps a creation after deletion, flagged', () => {
      given([ticketCreated, ticketDeleted])
        .when({ type: 'CreateRecord', data: ticket })
        .then([{ type: 'TicketCreated', data: { ...ticket, fields: {}, flags: ['record_deleted'] } }]);
    });

    it('refuses an unknown record type', () => {
      given([])
        .when({ type: 'CreateRecord', data: { recordType: 'invoice', recordId: 'inv-1' } } as unknown as RecordCommand)
        .thenThrows('unknown_record_type');
    });

    it.each(['', '  '])('refuses a blank record id %j', (recordId) => {
      given([]).when({ type: 'CreateRecord', data: { recordType: 'ticket', recordId } }).thenThrows('record_id_required');
    });
  });

  describe('UpdateRecord', () => {
    it('records each changed field with its previous value when the host leaves it out', () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', to: 'Printer still on fire' }, { field: 'priority', to: 'high' }] } })
        .then([
          {
            type: 'TicketUpdated',
            data: {
              ...ticket,
              changes: [
                { field: 'title', from: 'Printer on fire', to: 'Printer still on fire' },
                { field: 'priority', from: null, to: 'high' },
              ],
            },
          },
        ]);
    });

    it('takes previous values from earlier updates', () => {
      const updated: RecordEvent = { type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'title', from: 'Printer on fire', to: 'Fire out' }] } };
      given([ticketCreated, updated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', to: 'Fire back' }] } })
        .then([{ type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'title', from: 'Fire out', to: 'Fire back' }] } }]);
    });

    it('records nothing when no field actually changes', () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', to: 'Printer on fire' }, { field: 'status', from: 'open', to: 'open' }] } })
        .then([]);
    });

    it('records nothing for an empty list of changes', () => {
      given([ticketCreated]).when({ type: 'UpdateRecord', data: { ...ticket, changes: [] } }).then([]);
    });

    it('keeps only the fields that changed', () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', to: 'Printer on fire' }, { field: 'status', to: 'pending' }] } })
        .then([{ type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'status', from: 'open', to: 'pending' }] } }]);
    });

    it('compares structured values by content, not key order', () => {
      const created: RecordEvent = { type: 'AssetCreated', data: { ...asset, fields: { location: { site: 'HQ', floor: 2 }, tags: ['a', 'b'] } } };
      given([created])
        .when({ type: 'UpdateRecord', data: { ...asset, changes: [{ field: 'location', to: { floor: 2, site: 'HQ' } }, { field: 'tags', to: ['a', 'b'] }] } })
        .then([]);
    });

    it("keeps the host's previous value and flags it when it differs from the known one", () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', from: 'Scanner on fire', to: 'Fire out' }] } })
        .then([
          {
            type: 'TicketUpdated',
            data: { ...ticket, changes: [{ field: 'title', from: 'Scanner on fire', to: 'Fire out' }], flags: ['previous_value_mismatch'] },
          },
        ]);
    });

    it('keeps a change the host calls a no-op when the known value differs, flagged', () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', from: 'Fire out', to: 'Fire out' }] } })
        .then([{ type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'title', from: 'Fire out', to: 'Fire out' }], flags: ['previous_value_mismatch'] } }]);
    });

    it('keeps an update to a record never seen created, flagged, with unknown previous values', () => {
      given([])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'title', to: 'Printer on fire' }, { field: 'owner', to: null }] } })
        .then([
          {
            type: 'TicketUpdated',
            data: {
              ...ticket,
              changes: [
                { field: 'title', from: null, to: 'Printer on fire' },
                { field: 'owner', from: null, to: null },
              ],
              flags: ['record_not_seen_created'],
            },
          },
        ]);
    });

    it('keeps an update to a deleted record, flagged', () => {
      given([ticketCreated, ticketDeleted])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'status', to: 'closed' }] } })
        .then([{ type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'status', from: 'open', to: 'closed' }], flags: ['record_deleted'] } }]);
    });

    it('treats field names that shadow object built-ins as ordinary fields', () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: 'constructor', to: 'x' }] } })
        .then([{ type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'constructor', from: null, to: 'x' }] } }]);
    });

    it('refuses a change without a field name', () => {
      given([ticketCreated]).when({ type: 'UpdateRecord', data: { ...ticket, changes: [{ field: ' ', to: 'x' }] } }).thenThrows('field_required');
    });

    it('refuses an update without a list of changes', () => {
      given([ticketCreated])
        .when({ type: 'UpdateRecord', data: ticket } as unknown as RecordCommand)
        .thenThrows('changes_required');
    });
  });

  describe('DeleteRecord', () => {
    it('records the deletion', () => {
      given([ticketCreated]).when({ type: 'DeleteRecord', data: ticket }).then([{ type: 'TicketDeleted', data: ticket }]);
    });

    it('keeps a second deletion, flagged', () => {
      given([ticketCreated, ticketDeleted])
        .when({ type: 'DeleteRecord', data: ticket })
        .then([{ type: 'TicketDeleted', data: { ...ticket, flags: ['record_deleted'] } }]);
    });

    it('keeps the deletion of a record never seen created, flagged', () => {
      given([]).when({ type: 'DeleteRecord', data: asset }).then([{ type: 'AssetDeleted', data: { ...asset, flags: ['record_not_seen_created'] } }]);
    });
  });

  describe('AssignRecord', () => {
    it('records the assignment from the known assignee', () => {
      given([conversationCreated])
        .when({ type: 'AssignRecord', data: { ...conversation, to: bob } })
        .then([{ type: 'ConversationAssigned', data: { ...conversation, from: ann, to: bob } }]);
    });

    it('takes the previous assignee from earlier assignments', () => {
      const assigned: RecordEvent = { type: 'ConversationAssigned', data: { ...conversation, from: ann, to: bob } };
      given([conversationCreated, assigned])
        .when({ type: 'AssignRecord', data: { ...conversation, to: null } })
        .then([{ type: 'ConversationAssigned', data: { ...conversation, from: bob, to: null } }]);
    });

    it('reads an assignee the host reported as a plain id', () => {
      const created: RecordEvent = { type: 'TicketCreated', data: { ...ticket, fields: { assignee: 'agent-1' } } };
      given([created])
        .when({ type: 'AssignRecord', data: { ...ticket, to: bob } })
        .then([{ type: 'TicketAssigned', data: { ...ticket, from: { id: 'agent-1' }, to: bob } }]);
    });

    it('records nothing when the assignee stays the same', () => {
      given([conversationCreated]).when({ type: 'AssignRecord', data: { ...conversation, to: { id: 'agent-1' } } }).then([]);
    });

    it('records nothing when an unassigned record is unassigned', () => {
      given([{ type: 'TicketCreated', data: { ...ticket, fields: { assignee: null } } }])
        .when({ type: 'AssignRecord', data: { ...ticket, to: null } })
        .then([]);
    });

    it('keeps an assignment of a record never seen created, flagged, from an unknown assignee', () => {
      given([])
        .when({ type: 'AssignRecord', data: { ...conversation, to: ann } })
        .then([{ type: 'ConversationAssigned', data: { ...conversation, from: null, to: ann, flags: ['record_not_seen_created'] } }]);
    });

    it("flags a host's previous assignee that differs from the known one", () => {
      given([conversationCreated])
        .when({ type: 'AssignRecord', data: { ...conversation, from: bob, to: { id: 'agent-3' } } })
        .then([{ type: 'ConversationAssigned', data: { ...conversation, from: bob, to: { id: 'agent-3' }, flags: ['previous_value_mismatch'] } }]);
    });

    it('refuses an assignee without an id', () => {
      given([conversationCreated]).when({ type: 'AssignRecord', data: { ...conversation, to: { id: '' } } }).thenThrows('assignee_id_required');
    });
  });

  describe('ChangeRecordStatus', () => {
    it('records the status change from the known status', () => {
      given([ticketCreated])
        .when({ type: 'ChangeRecordStatus', data: { ...ticket, to: 'pending' } })
        .then([{ type: 'TicketStatusChanged', data: { ...ticket, from: 'open', to: 'pending' } }]);
    });

    it('records nothing when the status stays the same', () => {
      given([ticketCreated]).when({ type: 'ChangeRecordStatus', data: { ...ticket, to: 'open' } }).then([]);
    });

    it('keeps a status change of a record never seen created, flagged, with the host-reported previous status', () => {
      given([])
        .when({ type: 'ChangeRecordStatus', data: { ...ticket, from: 'new', to: 'open' } })
        .then([{ type: 'TicketStatusChanged', data: { ...ticket, from: 'new', to: 'open', flags: ['record_not_seen_created'] } }]);
    });

    it('treats a status reported as a number as text', () => {
      given([{ type: 'CustomerCreated', data: { recordType: 'customer', recordId: 'cus-1', fields: { status: 2 } } }])
        .when({ type: 'ChangeRecordStatus', data: { recordType: 'customer', recordId: 'cus-1', to: '3' } })
        .then([{ type: 'CustomerStatusChanged', data: { recordType: 'customer', recordId: 'cus-1', from: '2', to: '3' } }]);
    });

    it('refuses a blank status', () => {
      given([ticketCreated]).when({ type: 'ChangeRecordStatus', data: { ...ticket, to: '' } }).thenThrows('status_required');
    });
  });

  describe('ReplyToRecord', () => {
    it("records the reply with the host's reply id", () => {
      given([conversationCreated])
        .when({ type: 'ReplyToRecord', data: { ...conversation, replyId: 'msg-9', body: 'On it' } })
        .then([{ type: 'ConversationReplied', data: { ...conversation, replyId: 'msg-9', body: 'On it' } }]);
    });

    it('gives a reply without an id a new one', () => {
      given([ticketCreated])
        .when({ type: 'ReplyToRecord', data: ticket })
        .then([{ type: 'TicketReplied', data: { ...ticket, replyId: 'generated-1' } }]);
    });

    it('refuses a reply to a record type that has no replies', () => {
      given([]).when({ type: 'ReplyToRecord', data: asset }).thenThrows('action_not_supported');
    });
  });

  describe('ResolveRecord and ReopenRecord', () => {
    it('records a resolution', () => {
      given([conversationCreated]).when({ type: 'ResolveRecord', data: conversation }).then([{ type: 'ConversationResolved', data: conversation }]);
    });

    it('records a reopening, flagged when the record was never seen created', () => {
      given([])
        .when({ type: 'ReopenRecord', data: ticket })
        .then([{ type: 'TicketReopened', data: { ...ticket, flags: ['record_not_seen_created'] } }]);
    });

    it('refuses to resolve or reopen a record type without that action', () => {
      given([]).when({ type: 'ResolveRecord', data: { recordType: 'customer', recordId: 'cus-1' } }).thenThrows('action_not_supported');
      given([]).when({ type: 'ReopenRecord', data: asset }).thenThrows('action_not_supported');
    });
  });

  describe('SnoozeRecord', () => {
    it('records the snooze with its end as an ISO time', () => {
      given([conversationCreated])
        .when({ type: 'SnoozeRecord', data: { ...conversation, until: '2026-01-02T09:00:00+01:00' } })
        .then([{ type: 'ConversationSnoozed', data: { ...conversation, until: '2026-01-02T08:00:00.000Z' } }]);
    });

    it('refuses a snooze without an end', () => {
      given([conversationCreated]).when({ type: 'SnoozeRecord', data: { ...conversation, until: '' } }).thenThrows('snooze_until_required');
    });

    it('refuses a snooze whose end is not a time', () => {
      given([conversationCreated]).when({ type: 'SnoozeRecord', data: { ...conversation, until: 'next week' } }).thenThrows('snooze_until_invalid');
    });
  });

  describe('comments', () => {
    const commentAdded: RecordEvent = { type: 'CommentAdded', data: { ...ticket, commentId: 'c-1', body: 'Looking' } };

    it('records a comment on any record type', () => {
      given([{ type: 'AssetCreated', data: { ...asset, fields: {} } }])
        .when({ type: 'AddComment', data: { ...asset, commentId: 'c-1', body: 'Dented' } })
        .then([{ type: 'CommentAdded', data: { ...asset, commentId: 'c-1', body: 'Dented' } }]);
    });

    it('gives a comment without an id a new one, flagged on a record never seen created', () => {
      given([])
        .when({ type: 'AddComment', data: ticket })
        .then([{ type: 'CommentAdded', data: { ...ticket, commentId: 'generated-1', flags: ['record_not_seen_created'] } }]);
    });

    it('records the deletion of a known comment', () => {
      given([ticketCreated, commentAdded])
        .when({ type: 'DeleteComment', data: { ...ticket, commentId: 'c-1' } })
        .then([{ type: 'CommentDeleted', data: { ...ticket, commentId: 'c-1' } }]);
    });

    it('keeps the deletion of a comment never seen added, flagged', () => {
      const deleted: RecordEvent = { type: 'CommentDeleted', data: { ...ticket, commentId: 'c-1' } };
      given([ticketCreated, commentAdded, deleted])
        .when({ type: 'DeleteComment', data: { ...ticket, commentId: 'c-1' } })
        .then([{ type: 'CommentDeleted', data: { ...ticket, commentId: 'c-1', flags: ['comment_not_seen_added'] } }]);
    });

    it('refuses a comment deletion without a comment id', () => {
      given([ticketCreated]).when({ type: 'DeleteComment', data: { ...ticket, commentId: '' } }).thenThrows('comment_id_required');
    });

    it('refuses a comment on an unknown record type', () => {
      given([])
        .when({ type: 'AddComment', data: { recordType: 'invoice', recordId: 'inv-1' } } as unknown as RecordCommand)
        .thenThrows('unknown_record_type');
    });
  });

  describe('internal notes', () => {
    const noteAdded: RecordEvent = { type: 'NoteAdded', data: { ...conversation, noteId: 'n-1', body: 'VIP' } };

    it('records a note', () => {
      given([conversationCreated])
        .when({ type: 'AddNote', data: { ...conversation, noteId: 'n-1', body: 'VIP' } })
        .then([{ type: 'NoteAdded', data: { ...conversation, noteId: 'n-1', body: 'VIP' } }]);
    });

    it('gives a note without an id a new one, flagged on a deleted record', () => {
      given([ticketCreated, ticketDeleted])
        .when({ type: 'AddNote', data: ticket })
        .then([{ type: 'NoteAdded', data: { ...ticket, noteId: 'generated-1', flags: ['record_deleted'] } }]);
    });

    it('records the deletion of a known note', () => {
      given([conversationCreated, noteAdded])
        .when({ type: 'DeleteNote', data: { ...conversation, noteId: 'n-1' } })
        .then([{ type: 'NoteDeleted', data: { ...conversation, noteId: 'n-1' } }]);
    });

    it('keeps the deletion of a note never seen added, flagged', () => {
      given([conversationCreated])
        .when({ type: 'DeleteNote', data: { ...conversation, noteId: 'n-2' } })
        .then([{ type: 'NoteDeleted', data: { ...conversation, noteId: 'n-2', flags: ['note_not_seen_added'] } }]);
    });

    it('refuses a note deletion without a note id', () => {
      given([conversationCreated]).when({ type: 'DeleteNote', data: { ...conversation, noteId: ' ' } }).thenThrows('note_id_required');
    });
  });

  it('refuses an unknown command', () => {
    given([]).when({ type: 'MergeRecords', data: ticket } as unknown as RecordCommand).thenThrows('unknown_command');
  });
});
