import { RECORD_LIFECYCLE_EVENT_TYPES } from './catalogue/records.catalogue';
import { INGEST_ACTIONS, resolveIngestAction } from './ingest-actions';

describe('ingest actions', () => {
  it.each([
    ['ticket.created', 'TicketCreated'],
    ['ticket.updated', 'TicketUpdated'],
    ['ticket.status_changed', 'TicketStatusChanged'],
    ['ticket.assigned', 'TicketAssigned'],
    ['ticket.deleted', 'TicketDeleted'],
    ['ticket.replied', 'TicketReplied'],
    ['asset.created', 'AssetCreated'],
    ['asset.status_changed', 'AssetStatusChanged'],
    ['customer.updated', 'CustomerUpdated'],
    ['customer.deleted', 'CustomerDeleted'],
    ['conversation.assigned', 'ConversationAssigned'],
    ['conversation.replied', 'ConversationReplied'],
    ['conversation.resolved', 'ConversationResolved'],
    ['conversation.reopened', 'ConversationReopened'],
    ['conversation.snoozed', 'ConversationSnoozed'],
    ['comment.added', 'CommentAdded'],
    ['comment.deleted', 'CommentDeleted'],
    ['note.added', 'NoteAdded'],
    ['note.deleted', 'NoteDeleted'],
    ['file.uploaded', 'FileUploaded'],
    ['file.downloaded', 'FileDownloaded'],
    ['file.deleted', 'FileDeleted'],
    ['file.attached', 'FileAttached'],
    ['page.viewed', 'PageViewed'],
    ['data.exported', 'DataExported'],
    ['user.signed_in', 'SignedIn'],
    ['user.sign_in_failed', 'SignInFailed'],
    ['user.signed_out', 'SignedOut'],
  ])('resolves %s to %s', (action, eventType) => {
    expect(resolveIngestAction(action)).toEqual({ eventType, known: true });
  });

  it('ignores case and surrounding spaces', () => {
    expect(resolveIngestAction('  Ticket.Created ')).toEqual({ eventType: 'TicketCreated', known: true });
  });

  it.each(['invoice.paid', 'asset.replied', 'customer.snoozed', 'ticket', '', 'constructor', '__proto__'])(
    'records %j as generic activity',
    (action) => {
      expect(resolveIngestAction(action)).toEqual({ eventType: 'ActivityRecorded', known: false });
    },
  );

  it('has one host action per record event type, plus 13 for comments, notes, files, pages, exports and sign-ins', () => {
    expect(INGEST_ACTIONS.size).toBe(RECORD_LIFECYCLE_EVENT_TYPES.length + 13);
    expect(new Set(INGEST_ACTIONS.values()).size).toBe(INGEST_ACTIONS.size);
    expect([...INGEST_ACTIONS.keys()].every((action) => /^[a-z]+\.[a-z_]+$/.test(action))).toBe(true);
  });
});
