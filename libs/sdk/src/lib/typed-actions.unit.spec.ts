import { INGEST_ACTIONS } from '@trailmark/contracts';
import type { ActionSpec, CommonInput } from './action-spec';
import { ingestEventIssues } from './event-shape';
import { ingestEvents, TYPED_ACTION_SPECS } from './typed-actions';

const actor = { id: 'u-1', name: 'Ada Lovelace' };
const ticket = { id: 't-42', name: 'Printer on fire' };

describe('typed actions', () => {
  it('offer exactly one helper per host action the API knows', () => {
    const specs = Object.values(TYPED_ACTION_SPECS).flatMap((group) => Object.values(group) as ActionSpec<CommonInput>[]);
    const actions = specs.map((spec) => spec.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect([...actions].sort()).toEqual([...INGEST_ACTIONS.keys()].sort());
  });

  it('build a ticket creation with the ticket as target', () => {
    expect(ingestEvents.tickets.created({ actor, ticket, fields: { priority: 'high' } })).toEqual({
      action: 'ticket.created',
      actor,
      target: { type: 'ticket', id: 't-42', name: 'Printer on fire' },
      details: { fields: { priority: 'high' } },
    });
  });

  it('build a status change as a change of the status field', () => {
    expect(ingestEvents.tickets.statusChanged({ actor, ticket, from: 'open', to: 'pending' })).toMatchObject({
      action: 'ticket.status_changed',
      changes: [{ field: 'status', from: 'open', to: 'pending' }],
    });
  });

  it('build an assignment as a change of the assignee field', () => {
    const event = ingestEvents.tickets.assigned({ actor, ticket, to: { id: 'u-2', name: 'Grace Hopper' } });
    expect(event.changes).toEqual([{ field: 'assignee', to: { id: 'u-2', name: 'Grace Hopper' } }]);
  });

  it('name record helpers after every record type of the contracts', () => {
    expect(ingestEvents.conversations.snoozed({ actor, conversation: { id: 'c-1' }, until: '2030-01-01T00:00:00Z' })).toMatchObject({
      action: 'conversation.snoozed',
      target: { type: 'conversation', id: 'c-1' },
      details: { until: '2030-01-01T00:00:00Z' },
    });
    expect(ingestEvents.assets.deleted({ actor, asset: { id: 'a-1' } }).action).toBe('asset.deleted');
  });

  it('put ip and user agent in the context and mark a failed sign-in as a failure', () => {
    expect(ingestEvents.auth.signInFailed({ actor, ip: '203.0.113.9', userAgent: 'curl/8', reason: 'wrong_password' })).toEqual({
      action: 'user.sign_in_failed',
      actor,
      target: { type: 'user', id: 'u-1', name: 'Ada Lovelace' },
      context: { ip: '203.0.113.9', userAgent: 'curl/8' },
      result: 'failure',
      details: { reason: 'wrong_password' },
    });
  });

  it('build a page view with the page as target and the record it shows in details', () => {
    const url = 'https://app.example.com/tickets/t-42';
    expect(ingestEvents.pages.viewed({ actor, url, title: 'Ticket 42', record: { type: 'ticket', id: 't-42' } })).toEqual({
      action: 'page.viewed',
      actor,
      target: { type: 'page', id: url, url, name: 'Ticket 42' },
      details: { recordType: 'ticket', recordId: 't-42' },
    });
  });

  it('keep the caller’s id, time, result and extra details', () => {
    const event = ingestEvents.comments.added({
      actor,
      record: { type: 'ticket', id: 't-42' },
      commentId: 'cm-1',
      id: 'evt-1',
      occurredAt: '2025-01-01T10:00:00.000Z',
      result: 'warning',
      details: { channel: 'email' },
    });
    expect(event).toMatchObject({ id: 'evt-1', occurredAt: '2025-01-01T10:00:00.000Z', result: 'warning', details: { commentId: 'cm-1', channel: 'email' } });
  });

  it('build only events the API accepts', () => {
    const events = [
      ingestEvents.files.uploaded({ actor, file: { id: 'f-1', name: 'invoice.pdf' }, contentType: 'application/pdf', sizeBytes: 1024 }),
      ingestEvents.files.attached({ actor, file: { id: 'f-1' }, record: { type: 'ticket', id: 't-42' } }),
      ingestEvents.notes.added({ actor, record: { type: 'ticket', id: 't-42' }, body: 'Called the customer' }),
      ingestEvents.data.exported({ actor, dataset: 'tickets', format: 'csv', rowCount: 10 }),
      ingestEvents.auth.signedIn({ actor, ip: '198.51.100.4' }),
      ingestEvents.auth.signedOut({ actor }),
    ];
    expect(events.flatMap(ingestEventIssues)).toEqual([]);
  });

  it('type-check each helper’s input, and leave untyped mistakes for track to refuse', () => {
    // @ts-expect-error a status change needs the status it moves to
    expect(ingestEvents.tickets.statusChanged({ actor, ticket }).changes).toEqual([{ field: 'status' }]);
    // @ts-expect-error a ticket helper takes `ticket`, not `asset`
    expect(ingestEventIssues(ingestEvents.tickets.deleted({ actor, asset: ticket }))).toEqual(['target.id: must be a non-empty string']);
  });
});
