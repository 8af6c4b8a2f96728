import type { DomainEvent } from '../decider';
import { diffRecords, recordSteps } from './record-history';

const ref = { recordType: 'ticket', recordId: 'T-1' };
const events: DomainEvent[] = [
  { type: 'TicketCreated', data: { ...ref, fields: { title: 'Printer jam', status: 'open' } } },
  { type: 'ActivityRecorded', data: { action: 'ticket.printed' } },
  { type: 'TicketAssigned', data: { ...ref, from: null, to: { id: 'agent-8', name: 'Lin' } } },
  { type: 'CommentAdded', data: { ...ref, commentId: 'c-1' } },
  { type: 'TicketUpdated', data: { ...ref, changes: [{ field: 'title', from: 'Printer jam', to: 'Printer on fire' }] } },
  { type: 'TicketDeleted', data: ref },
];

describe('record history', () => {
  it('gives the state after each event, leaving events the record decider does not fold as they were', () => {
    const steps = recordSteps(events, 'T-1');
    expect(steps).toHaveLength(6);
    expect(steps[0]).toEqual({ lifecycle: 'active', label: 'Printer jam', fields: { title: 'Printer jam', status: 'open' }, commentIds: [], noteIds: [] });
    expect(steps[1]).toEqual(steps[0]);
    expect(steps[4]).toEqual({
      lifecycle: 'active',
      label: 'Printer on fire',
      fields: { title: 'Printer on fire', status: 'open', assignee: { id: 'agent-8', name: 'Lin' } },
      commentIds: ['c-1'],
      noteIds: [],
    });
    expect(steps[5].lifecycle).toBe('deleted');
  });

  it('diffs two states: lifecycle, each changed or new field, comments and notes', () => {
    const [created, , , , updated, deleted] = recordSteps(events, 'T-1');
    expect(diffRecords(created, updated)).toEqual({
      lifecycle: null,
      fields: [
        { field: 'assignee', from: null, to: { id: 'agent-8', name: 'Lin' } },
        { field: 'title', from: 'Printer jam', to: 'Printer on fire' },
      ],
      comments: { added: ['c-1'], removed: [] },
      notes: { added: [], removed: [] },
    });
    expect(diffRecords(updated, deleted)).toEqual({ lifecycle: { from: 'active', to: 'deleted' }, fields: [], comments: { added: [], removed: [] }, notes: { added: [], removed: [] } });
    expect(diffRecords(updated, created).comments).toEqual({ added: [], removed: ['c-1'] });
  });
});
