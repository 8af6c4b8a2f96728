import { INGEST_ACTIONS } from '@trailmark/contracts';
import type { HostEvent, HostEventMapping, MappedHostEvent } from './host-event';
import { mapHostEvent } from './host-event.mapping';

const workspaceId = 'ws-1';
const eventId = 'evt-1';
const actor = { id: 'u-7', name: 'Ada Lovelace', type: 'agent' };
const ticket = { type: 'ticket', id: 'T-42', name: 'Printer on fire', url: 'https://help.example.com/t/42' };

const map = (event: Omit<HostEvent, 'actor'> & { actor?: HostEvent['actor'] }): HostEventMapping => mapHostEvent({ workspaceId, eventId, event: { actor, ...event } });

function mapped(event: Parameters<typeof map>[0]): MappedHostEvent {
  const result = map(event);
  if (!result.ok) throw new Error(`Expected ${event.action} to map, got ${JSON.stringify(result.issues)}`);
  return result.mapped;
}

const issuesOf = (event: Parameters<typeof map>[0]) => {
  const result = map(event);
  return result.ok ? [] : result.issues;
};

describe('mapHostEvent', () => {
  describe('record actions', () => {
    it('maps ticket.created to TicketCreated with its fields, in the ticket stream, keeping name and URL aside', () => {
      expect(mapped({ action: 'ticket.created', target: ticket, details: { fields: { priority: 'high' }, channel: 'email' } })).toEqual({
        streamName: 'ticket-ws-1.T-42',
        event: { type: 'TicketCreated', data: { recordType: 'ticket', recordId: 'T-42', fields: { priority: 'high' } } },
        extras: { action: 'ticket.created', target: { name: 'Printer on fire', url: 'https://help.example.com/t/42' }, details: { channel: 'email' } },
      });
    });

    it('maps a creation without fields to empty fields', () => {
      expect(mapped({ action: 'asset.created', target: { type: 'asset', id: 'A-1' } }).event).toEqual({
        type: 'AssetCreated',
        data: { recordType: 'asset', recordId: 'A-1', fields: {} },
      });
    });

    it('maps ticket.updated to TicketUpdated with every change, an unknown earlier value as null', () => {
      const changes = [{ field: 'title', from: 'Old', to: 'New' }, { field: 'priority', to: 'high' }];
      expect(mapped({ action: 'ticket.updated', target: ticket, changes }).event).toEqual({
        type: 'TicketUpdated',
        data: { recordType: 'ticket', recordId: 'T-42', changes: [{ field: 'title', from: 'Old', to: 'New' }, { field: 'priority', from: null, to: 'high' }] },
      });
    });

    it('maps ticket.assigned to TicketAssigned, keeping other changes aside', () => {
      const result = mapped({
        action: 'ticket.assigned',
        target: ticket,
        changes: [{ field: 'team', to: 'L2' }, { field: 'assignee', from: 'u-1', to: { id: 'u-2', name: 'Grace' } }],
      });
      expect(result.streamName).toBe('ticket-ws-1.T-42');
      expect(result.event).toEqual({ type: 'TicketAssigned', data: { recordType: 'ticket', recordId: 'T-42', from: { id: 'u-1' }, to: { id: 'u-2', name: 'Grace' } } });
      expect(result.extras.changes).toEqual([{ field: 'team', to: 'L2' }]);
    });

    it('maps an unassignment with an unknown earlier assignee', () => {
      expect(mapped({ action: 'conversation.assigned', target: { type: 'conversation', id: 'c-1' }, changes: [{ field: 'assignee', to: null }] }).event).toEqual({
        type: 'ConversationAssigned',
        data: { recordType: 'conversation', recordId: 'c-1', from: null, to: null },
      });
    });

    it('maps asset.status_changed to AssetStatusChanged', () => {
      expect(mapped({ action: 'asset.status_changed', target: { type: 'asset', id: 'A-1' }, changes: [{ field: 'status', to: 'retired' }] })).toMatchObject({
        streamName: 'asset-ws-1.A-1',
        event: { type: 'AssetStatusChanged', data: { recordType: 'asset', recordId: 'A-1', from: null, to: 'retired' } },
      });
    });

    it.each([
      ['ticket.deleted', 'TicketDeleted'],
      ['customer.deleted', 'CustomerDeleted'],
      ['conversation.resolved', 'ConversationResolved'],
      ['ticket.reopened', 'TicketReopened'],
    ])('maps %s to %s with the record only', (action, type) => {
      const recordType = action.split('.')[0];
      expect(mapped({ action, target: { type: recordType, id: 'r-1' } }).event).toEqual({ type, data: { recordType, recordId: 'r-1' } });
    });

    it('maps ticket.replied to TicketReplied with the host reply id and body, or the event id', () => {
      expect(mapped({ action: 'ticket.replied', target: ticket, details: { replyId: 'r-9', body: 'On it' } }).event.data).toMatchObject({ replyId: 'r-9', body: 'On it' });
      expect(mapped({ action: 'conversation.replied', target: { type: 'conversation', id: 'c-1' } }).event).toEqual({
        type: 'ConversationReplied',
        data: { recordType: 'conversation', recordId: 'c-1', replyId: 'evt-1' },
      });
    });

    it('maps conversation.snoozed to ConversationSnoozed with the end time in UTC', () => {
      expect(mapped({ action: 'conversation.snoozed', target: { type: 'conversation', id: 'c-1' }, details: { until: '2030-01-01T10:00:00+02:00' } }).event.data).toEqual({
        recordType: 'conversation',
        recordId: 'c-1',
        until: '2030-01-01T08:00:00.000Z',
      });
    });

    it('reads the action and the target type case-insensitively', () => {
      expect(mapped({ action: 'Ticket.Deleted', target: { type: 'Ticket', id: 'T-1' } })).toMatchObject({ streamName: 'ticket-ws-1.T-1', event: { type: 'TicketDeleted' } });
    });

    it.each([
      [{ action: 'ticket.created' }, [{ path: 'target', message: 'Required for ticket.created' }]],
      [{ action: 'ticket.created', target: { type: 'asset', id: 'A-1' } }, [{ path: 'target.type', message: 'Expected "ticket" for ticket.created' }]],
      [{ action: 'ticket.created', target: ticket, details: { fields: 'high' } }, [{ path: 'details.fields', message: 'Expected an object' }]],
      [{ action: 'ticket.assigned', target: ticket }, [{ path: 'changes', message: 'A change of the "assignee" field is required for ticket.assigned' }]],
      [{ action: 'ticket.assigned', target: ticket, changes: [{ field: 'assignee' }] }, [{ path: 'changes.0.to', message: 'Required for ticket.assigned' }]],
      [{ action: 'ticket.assigned', target: ticket, changes: [{ field: 'assignee', to: { name: 'x' } }] }, [{ path: 'changes.0.to', message: expect.stringContaining('Expected an assignee') }]],
      [{ action: 'ticket.status_changed', target: ticket, changes: [{ field: 'status', from: 3, to: '' }] }, [
        { path: 'changes.0.to', message: 'Expected the new status, a non-empty string' },
        { path: 'changes.0.from', message: 'Expected a status or null' },
      ]],
      [{ action: 'ticket.snoozed', target: ticket }, [{ path: 'details.until', message: 'Required for ticket.snoozed' }]],
      [{ action: 'ticket.snoozed', target: ticket, details: { until: 'tomorrow' } }, [{ path: 'details.until', message: expect.stringContaining('ISO 8601') }]],
      [{ action: 'ticket.replied', target: ticket, details: { body: 42 } }, [{ path: 'details.body', message: 'Expected a non-empty string' }]],
    ])('refuses malformed %j', (event, issues) => {
      expect(issuesOf(event as HostEvent)).toEqual(issues);
    });
  });

  describe('comments and notes', () => {
    it('maps comment.added to CommentAdded in the record stream', () => {
      expect(mapped({ action: 'comment.added', target: ticket, details: { commentId: 'cm-1', body: 'Looking', channel: 'email' } })).toEqual({
        streamName: 'ticket-ws-1.T-42',
        event: { type: 'CommentAdded', data: { recordType: 'ticket', recordId: 'T-42', commentId: 'cm-1', body: 'Looking' } },
        extras: { action: 'comment.added', target: { name: 'Printer on fire', url: 'https://help.example.com/t/42' }, details: { channel: 'email' } },
      });
    });

    it('maps comment.deleted, note.added and note.deleted', () => {
      expect(mapped({ action: 'comment.deleted', target: ticket, details: { commentId: 'cm-1' } }).event).toEqual({
        type: 'CommentDeleted',
        data: { recordType: 'ticket', recordId: 'T-42', commentId: 'cm-1' },
      });
      expect(mapped({ action: 'note.added', target: { type: 'customer', id: 'c-9' } }).event).toEqual({
        type: 'NoteAdded',
        data: { recordType: 'customer', recordId: 'c-9', noteId: 'evt-1' },
      });
      expect(mapped({ action: 'note.deleted', target: { type: 'customer', id: 'c-9' }, details: { noteId: 'n-1' } })).toMatchObject({
        streamName: 'customer-ws-1.c-9',
        event: { type: 'NoteDeleted', data: { recordType: 'customer', recordId: 'c-9', noteId: 'n-1' } },
      });
    });

    it('refuses a deletion without the deleted id', () => {
      expect(issuesOf({ action: 'comment.deleted', target: ticket })).toEqual([{ path: 'details.commentId', message: 'Required for comment.deleted' }]);
    });

    it('keeps a comment on a record type Trailmark does not track as generic activity', () => {
      expect(mapped({ action: 'comment.added', target: { type: 'invoice', id: 'inv-1' }, details: { body: 'Paid?' } })).toEqual({
        streamName: 'activity-ws-1.invoice_inv-1',
        event: { type: 'ActivityRecorded', data: { action: 'comment.added', target: { recordType: 'invoice', recordId: 'inv-1' }, details: { body: 'Paid?' } } },
        extras: { action: 'comment.added' },
      });
    });
  });

  describe('files', () => {
    const file = { type: 'file', id: 'f-1', name: 'invoice.pdf' };

    it('maps file.uploaded to FileUploaded in the file stream', () => {
      expect(mapped({ action: 'file.uploaded', target: file, details: { contentType: 'application/pdf', sizeBytes: 1024 } })).toEqual({
        streamName: 'file-ws-1.f-1',
        event: { type: 'FileUploaded', data: { fileId: 'f-1', name: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 1024 } },
        extras: { action: 'file.uploaded' },
      });
    });

    it.each([
      ['file.downloaded', 'FileDownloaded'],
      ['file.deleted', 'FileDeleted'],
    ])('maps %s to %s', (action, type) => {
      expect(mapped({ action, target: file })).toMatchObject({ streamName: 'file-ws-1.f-1', event: { type, data: { fileId: 'f-1', name: 'invoice.pdf' } } });
    });

    it('maps file.attached to FileAttached with the record from the details', () => {
      expect(mapped({ action: 'file.attached', target: file, details: { recordType: 'ticket', recordId: 'T-42', recordName: 'Printer' } })).toEqual({
        streamName: 'file-ws-1.f-1',
        event: { type: 'FileAttached', data: { fileId: 'f-1', name: 'invoice.pdf', recordType: 'ticket', recordId: 'T-42' } },
        extras: { action: 'file.attached', details: { recordName: 'Printer' } },
      });
    });

    it('refuses a negative size and an attachment without its record', () => {
      expect(issuesOf({ action: 'file.uploaded', target: file, details: { sizeBytes: -1 } })).toEqual([{ path: 'details.sizeBytes', message: 'Expected a whole number, 0 or more' }]);
      expect(issuesOf({ action: 'file.attached', target: file, details: { recordType: 'ticket' } })).toEqual([{ path: 'details.recordId', message: 'Required for file.attached' }]);
    });
  });

  describe('browsing', () => {
    it("maps page.viewed to PageViewed in the viewer's browsing stream", () => {
      const url = 'https://app.example.com/tickets/T-42';
      expect(mapped({ action: 'page.viewed', target: { type: 'page', id: url, url, name: 'Ticket 42' }, details: { recordType: 'ticket', recordId: 'T-42' } })).toEqual({
        streamName: 'browsing-ws-1.u-7',
        event: { type: 'PageViewed', data: { url, title: 'Ticket 42', recordType: 'ticket', recordId: 'T-42' } },
        extras: { action: 'page.viewed' },
      });
    });

    it('takes the page id as its URL when no URL is given, and refuses half a record', () => {
      expect(mapped({ action: 'page.viewed', target: { type: 'page', id: '/settings' } }).event).toEqual({ type: 'PageViewed', data: { url: '/settings' } });
      expect(issuesOf({ action: 'page.viewed', target: { type: 'page', id: '/t/1' }, details: { recordId: '1' } })).toEqual([
        { path: 'details.recordType', message: 'A record is named by both details.recordType and details.recordId' },
      ]);
    });

    it("maps data.exported to DataExported in the exporter's browsing stream", () => {
      expect(mapped({ action: 'data.exported', target: { type: 'dataset', id: 'tickets' }, details: { exportId: 'x-1', format: 'csv', rowCount: 10, filters: { status: 'open' } } })).toEqual({
        streamName: 'browsing-ws-1.u-7',
        event: { type: 'DataExported', data: { exportId: 'x-1', dataset: 'tickets', format: 'csv', rowCount: 10, filters: { status: 'open' } } },
        extras: { action: 'data.exported', target: { type: 'dataset' } },
      });
    });
  });

  describe('sign-ins', () => {
    const context = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0' };

    it("maps user.signed_in to SignedIn in the host user's activity stream, not a Trailmark user stream", () => {
      expect(mapped({ action: 'user.signed_in', context, target: { type: 'user', id: 'u-7' }, details: { sessionId: 's-1' } })).toEqual({
        streamName: 'activity-ws-1.user_u-7',
        event: { type: 'SignedIn', data: { userId: 'u-7', sessionId: 's-1', workspaceId: 'ws-1', ip: '203.0.113.9', userAgent: 'Mozilla/5.0' } },
        extras: { action: 'user.signed_in', target: { type: 'user', id: 'u-7' } },
      });
    });

    it('maps user.sign_in_failed to SignInFailed, keeping a reason Trailmark does not know in the details', () => {
      expect(mapped({ action: 'user.sign_in_failed', context: { ip: '203.0.113.9' }, details: { reason: 'mfa_failed', email: 'ada@example.com', failedAttempts: 3 } }).event).toEqual({
        type: 'SignInFailed',
        data: { userId: 'u-7', email: 'ada@example.com', reason: 'mfa_failed', failedAttempts: 3, ip: '203.0.113.9', userAgent: null },
      });
      const unknownReason = mapped({ action: 'user.sign_in_failed', context: { ip: '203.0.113.9' }, details: { reason: 'captcha' } });
      expect(unknownReason.event.data).toMatchObject({ reason: 'wrong_password', failedAttempts: 1, email: '' });
      expect(unknownReason.extras.details).toEqual({ reason: 'captcha' });
    });

    it('maps user.signed_out to SignedOut, the session being the event when the host names none', () => {
      expect(mapped({ action: 'user.signed_out' })).toEqual({
        streamName: 'activity-ws-1.user_u-7',
        event: { type: 'SignedOut', data: { userId: 'u-7', sessionId: 'evt-1' } },
        extras: { action: 'user.signed_out' },
      });
    });

    it('refuses a sign-in without the user ip', () => {
      expect(issuesOf({ action: 'user.signed_in' })).toEqual([{ path: 'context.ip', message: 'Required for user.signed_in' }]);
    });
  });

  describe('unknown actions', () => {
    it('keeps them as ActivityRecorded in the stream of their target', () => {
      expect(mapped({ action: 'invoice.paid', target: { type: 'invoice', id: 'inv-7', name: 'INV-7', url: 'https://x/inv/7' }, changes: [{ field: 'paid', to: true }], details: { amount: 120 } })).toEqual({
        streamName: 'activity-ws-1.invoice_inv-7',
        event: {
          type: 'ActivityRecorded',
          data: {
            action: 'invoice.paid',
            target: { recordType: 'invoice', recordId: 'inv-7', name: 'INV-7' },
            changes: [{ field: 'paid', from: null, to: true }],
            details: { amount: 120 },
          },
        },
        extras: { action: 'invoice.paid', target: { url: 'https://x/inv/7' } },
      });
    });

    it('keeps them in the actor stream when they have no target', () => {
      expect(mapped({ action: 'report.scheduled' })).toEqual({
        streamName: 'activity-ws-1.user_u-7',
        event: { type: 'ActivityRecorded', data: { action: 'report.scheduled' } },
        extras: { action: 'report.scheduled' },
      });
    });
  });

  it('maps every known host action to its own event type', () => {
    const samples: Record<string, Omit<HostEvent, 'actor' | 'action'>> = {
      assigned: { changes: [{ field: 'assignee', to: 'u-1' }] },
      status_changed: { changes: [{ field: 'status', to: 'open' }] },
      snoozed: { details: { until: '2030-01-01T00:00:00Z' } },
      'comment.deleted': { details: { commentId: 'c' } },
      'note.deleted': { details: { noteId: 'n' } },
      'file.attached': { details: { recordType: 'ticket', recordId: 't' } },
      'user.signed_in': { context: { ip: '10.0.0.1' } },
      'user.sign_in_failed': { context: { ip: '10.0.0.1' } },
    };
    for (const [action, type] of INGEST_ACTIONS) {
      const [noun, verb] = action.split('.');
      const recordLike = ['ticket', 'asset', 'customer', 'conversation'].includes(noun) ? noun : 'ticket';
      const sample = samples[action] ?? samples[verb] ?? {};
      expect([action, mapped({ action, target: { type: recordLike, id: 'x-1' }, ...sample }).event.type]).toEqual([action, type]);
    }
  });
});
