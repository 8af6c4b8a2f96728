import { fold } from '../decider';
import type { RecordEvent } from './record.events';
import { evolveRecord, initialRecordState, knownField, recordLabel } from './record.state';

const ticket = { recordType: 'ticket', recordId: 'tck-1' } as const;
const stateAfter = (events: RecordEvent[]) => fold(evolveRecord, initialRecordState(), events);

describe('record state', () => {
  describe('recordLabel', () => {
    it('is the id of a record nothing is known about', () => {
      expect(recordLabel(initialRecordState(), 'tck-1')).toBe('tck-1');
    });

    it('is the name of a record created before it has a number', () => {
      const state = stateAfter([{ type: 'TicketCreated', data: { ...ticket, fields: { title: 'Printer on fire', number: null } } }]);
      expect(recordLabel(state, 'tck-1')).toBe('Printer on fire');
    });

    it('is the number once an update gives the record one', () => {
      const state = stateAfter([
        { type: 'TicketCreated', data: { ...ticket, fields: { title: 'Printer on fire' } } },
        { type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'number', from: null, to: 1042 }] } },
      ]);
      expect(recordLabel(state, 'tck-1')).toBe('1042');
    });

    it('skips blank names', () => {
      const state = stateAfter([{ type: 'TicketCreated', data: { ...ticket, fields: { name: ' ', label: 'Fallback' } } }]);
      expect(recordLabel(state, 'tck-1')).toBe('Fallback');
    });
  });

  describe('evolveRecord', () => {
    it('lets updates seen before a late creation keep their newer values', () => {
      const state = stateAfter([
        { type: 'TicketUpdated', data: { ...ticket, changes: [{ field: 'status', from: null, to: 'pending' }], flags: ['record_not_seen_created'] } },
        { type: 'TicketCreated', data: { ...ticket, fields: { status: 'open', title: 'Printer on fire' } } },
      ]);
      expect(state.lifecycle).toBe('active');
      expect(state.fields).toEqual({ status: 'pending', title: 'Printer on fire' });
    });

    it('starts a record created again after deletion afresh', () => {
      const state = stateAfter([
        { type: 'TicketCreated', data: { ...ticket, fields: { title: 'Old' } } },
        { type: 'TicketDeleted', data: ticket },
        { type: 'TicketCreated', data: { ...ticket, fields: { status: 'open' } } },
      ]);
      expect(state.fields).toEqual({ status: 'open' });
    });

    it('tracks status and assignee as fields, and leaves them alone on conversation actions', () => {
      const conversation = { recordType: 'conversation', recordId: 'conv-1' } as const;
      const state = stateAfter([
        { type: 'ConversationStatusChanged', data: { ...conversation, from: null, to: 'open' } },
        { type: 'ConversationAssigned', data: { ...conversation, from: null, to: { id: 'agent-1' } } },
        { type: 'ConversationReplied', data: { ...conversation, replyId: 'm-1' } },
        { type: 'ConversationSnoozed', data: { ...conversation, until: '2026-01-02T00:00:00.000Z' } },
        { type: 'ConversationResolved', data: conversation },
        { type: 'ConversationReopened', data: conversation },
      ]);
      expect(state.fields).toEqual({ status: 'open', assignee: { id: 'agent-1' } });
    });

    it('reports fields never learned as unknown', () => {
      expect(knownField(initialRecordState(), 'toString')).toBeUndefined();
    });
  });
});
