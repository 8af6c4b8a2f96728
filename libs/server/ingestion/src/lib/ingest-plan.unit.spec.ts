import { type AppendResult, encodePosition } from '@trailmark/event-store';
import { groupByStream, type IngestContext, ingestOutcomes, planIngest } from './ingest-plan';
import type { ParsedHostEvent } from './ingest-request.schema';
import { storedEventId } from './stored-event-id';

const receivedAt = new Date('2026-01-05T12:00:00Z');
let generated = 0;
const context: IngestContext = {
  workspaceId: 'ws-1',
  apiKeyId: 'key-1',
  correlationId: 'req-1',
  receivedAt,
  newId: () => `generated-${++generated}`,
  device: (userAgent) => (userAgent ? { type: 'desktop', os: 'Linux', browser: 'Firefox 140' } : undefined),
};
const actor = { id: 'u-7', name: 'Ada', type: 'agent' };
const created = (id: string | undefined, ticketId: string, occurredAt?: string): ParsedHostEvent => ({
  id,
  action: 'ticket.created',
  actor,
  target: { type: 'ticket', id: ticketId },
  ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}),
});

function plan(events: ParsedHostEvent[]) {
  const planned = planIngest(events, context);
  if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
  return planned.events;
}

describe('planIngest', () => {
  it("stores a host id under an id derived from the workspace, and answers with the host's id", () => {
    const [event] = plan([created('evt-1', 'T-1')]);
    expect(event.id).toBe('evt-1');
    expect(event.toAppend.id).toBe(storedEventId('ws-1', 'evt-1'));
    expect(storedEventId('ws-2', 'evt-1')).not.toBe(event.toAppend.id);
    expect(event.toAppend.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('generates an id for an event without one', () => {
    const [event] = plan([created(undefined, 'T-1')]);
    expect(event.id).toBe(event.toAppend.id);
    expect(event.id).toMatch(/^generated-/);
  });

  it("builds the metadata from the key, the request and the host user's context", () => {
    const [event] = plan([{ ...created('evt-1', 'T-1'), context: { ip: '203.0.113.9', userAgent: 'Firefox' }, target: { type: 'ticket', id: 'T-1', url: 'https://x/1' } }]);
    expect(event.toAppend.metadata).toEqual({
      workspaceId: 'ws-1',
      layer: 'workspace',
      actor: { kind: 'host_actor', id: 'u-7', name: 'Ada' },
      actorType: 'agent',
      ip: '203.0.113.9',
      userAgent: 'Firefox',
      device: { type: 'desktop', os: 'Linux', browser: 'Firefox 140' },
      result: 'success',
      occurredAt: '2026-01-05T12:00:00.000Z',
      correlationId: 'req-1',
      hostEventId: 'evt-1',
      apiKeyId: 'key-1',
      source: 'ingestion',
      host: { action: 'ticket.created', target: { url: 'https://x/1' } },
    });
  });

  it('records a failed sign-in as a failure unless the host says otherwise', () => {
    const failed = { id: 'e', action: 'user.sign_in_failed', actor, context: { ip: '10.0.0.1' } };
    expect(plan([failed])[0].toAppend.metadata).toMatchObject({ result: 'failure' });
    expect(plan([{ ...failed, result: 'warning' }])[0].toAppend.metadata).toMatchObject({ result: 'warning' });
  });

  it('flags events claimed in the future, and events earlier than one before them in the same stream', () => {
    const events = plan([
      created('a', 'T-1', '2026-01-05T11:00:00Z'),
      created('b', 'T-2', '2026-01-05T10:00:00Z'),
      created('c', 'T-1', '2026-01-05T10:30:00Z'),
      created('d', 'T-1', '2026-01-05T12:06:00Z'),
    ]);
    expect(events.map((event) => event.toAppend.metadata?.['flags'])).toEqual([undefined, undefined, ['occurred_out_of_order'], ['occurred_in_future']]);
  });

  it('lists the issues of every event by its path in the request', () => {
    const planned = planIngest([created('a', 'T-1'), { id: 'b', action: 'ticket.assigned', actor }, { id: 'c', action: 'user.signed_in', actor }], context);
    expect(planned).toEqual({
      ok: false,
      issues: [
        { path: 'events.1.target', message: 'Required for ticket.assigned' },
        { path: 'events.2.context.ip', message: 'Required for user.signed_in' },
      ],
    });
  });
});

describe('groupByStream and ingestOutcomes', () => {
  const events = plan([created('a', 'T-1'), created('b', 'T-2'), created('c', 'T-1'), created('a', 'T-1')]);
  const appends = groupByStream(events);

  it('appends once per stream, in request order, expecting any revision', () => {
    expect(appends.map((append) => [append.streamName, append.events.map((event) => event.id), append.expectedRevision])).toEqual([
      ['ticket-ws-1.T-1', [storedEventId('ws-1', 'a'), storedEventId('ws-1', 'c'), storedEventId('ws-1', 'a')], 'any'],
      ['ticket-ws-1.T-2', [storedEventId('ws-1', 'b')], 'any'],
    ]);
  });

  it('answers accepted for what the store wrote and duplicate for the rest, a repeated id once accepted', () => {
    const result = (appended: string[], duplicates: string[]): AppendResult => ({ nextExpectedRevision: 0, position: encodePosition(0n, 0n), appended, duplicates });
    const results = [result([storedEventId('ws-1', 'a')], [storedEventId('ws-1', 'c'), storedEventId('ws-1', 'a')]), result([storedEventId('ws-1', 'b')], [])];
    expect(ingestOutcomes(events, appends, results)).toEqual({
      results: [
        { id: 'a', status: 'accepted' },
        { id: 'b', status: 'accepted' },
        { id: 'c', status: 'duplicate' },
        { id: 'a', status: 'duplicate' },
      ],
      accepted: 2,
      duplicates: 2,
    });
  });
});
