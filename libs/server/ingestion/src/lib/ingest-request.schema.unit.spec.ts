import { MAX_EVENTS_PER_REQUEST } from '@trailmark/contracts';
import { LIMITS, parseIngestRequest } from './ingest-request.schema';

const valid = { action: 'ticket.created', actor: { id: 'u-1', name: 'Ada' } };
const issuesOf = (event: object) => {
  const parsed = parseIngestRequest({ events: [valid, { ...valid, ...event }] });
  return parsed.ok ? [] : parsed.issues;
};
const pathsOf = (event: object) => issuesOf(event).map((issue) => issue.path);

describe('parseIngestRequest', () => {
  it('accepts a full event, trimming text and reading the time in UTC', () => {
    const parsed = parseIngestRequest({
      events: [
        {
          id: ' evt-1 ',
          action: 'ticket.assigned',
          occurredAt: '2026-01-05T10:00:00+01:00',
          actor: { id: 'u-1', name: 'Ada', type: 'agent' },
          target: { type: 'ticket', id: 'T-1', name: 'Printer', url: 'https://x/t/1' },
          changes: [{ field: 'assignee', from: null, to: { id: 'u-2' } }],
          context: { ip: '2001:db8::1', userAgent: 'curl/8' },
          result: 'warning',
          details: { channel: 'email', nested: [1, { ok: true }] },
          unknown: 'dropped',
        },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      events: [
        {
          id: 'evt-1',
          action: 'ticket.assigned',
          occurredAt: new Date('2026-01-05T09:00:00Z'),
          actor: { id: 'u-1', name: 'Ada', type: 'agent' },
          target: { type: 'ticket', id: 'T-1', name: 'Printer', url: 'https://x/t/1' },
          changes: [{ field: 'assignee', from: null, to: { id: 'u-2' } }],
          context: { ip: '2001:db8::1', userAgent: 'curl/8' },
          result: 'warning',
          details: { channel: 'email', nested: [1, { ok: true }] },
        },
      ],
    });
  });

  it('names a missing field "Required" by its path', () => {
    expect(issuesOf({ actor: { name: 'Ada' } })).toEqual([{ path: 'events.1.actor.id', message: 'Required' }]);
    expect(issuesOf({ action: undefined })).toEqual([{ path: 'events.1.action', message: 'Required' }]);
    expect(issuesOf({ target: { id: 'T-1' } })).toEqual([{ path: 'events.1.target.type', message: 'Required' }]);
  });

  it.each([
    ['a blank action', { action: '  ' }, 'events.1.action', 'Must not be empty'],
    ['an action with spaces', { action: 'ticket created' }, 'events.1.action', 'Expected letters, digits and . _ : / - only, starting with a letter or digit'],
    ['an action over 200 characters', { action: 'a'.repeat(201) }, 'events.1.action', 'Must be at most 200 characters'],
    ['an id over 200 characters', { id: 'x'.repeat(LIMITS.id + 1) }, 'events.1.id', 'Must be at most 200 characters'],
    ['a NUL in the actor name', { actor: { id: 'u', name: 'A\u0000' } }, 'events.1.actor.name', expect.stringContaining('NUL')],
    ['a time without a zone', { occurredAt: '2026-01-05T10:00:00' }, 'events.1.occurredAt', expect.stringContaining('ISO 8601')],
    ['a time that is a number', { occurredAt: 1767600000 }, 'events.1.occurredAt', expect.stringContaining('expected string')],
    ['an unknown result', { result: 'ok' }, 'events.1.result', expect.stringContaining('"success"|"warning"|"failure"')],
    ['a bad IP', { context: { ip: 'localhost' } }, 'events.1.context.ip', 'Expected an IPv4 or IPv6 address'],
    ['an IPv6 address with a zone', { context: { ip: 'fe80::1%eth0' } }, 'events.1.context.ip', 'Expected an IPv4 or IPv6 address'],
    ['details as an array', { details: ['a'] }, 'events.1.details', 'Expected an object'],
    ['a non-finite number in a change', { changes: [{ field: 'n', to: Number.POSITIVE_INFINITY }] }, 'events.1.changes.0.to', 'Numbers must be finite'],
    ['a change without its field', { changes: [{ to: 1 }] }, 'events.1.changes.0.field', 'Required'],
    ['too many changes', { changes: Array.from({ length: LIMITS.changes + 1 }, (_, i) => ({ field: `f${i}` })) }, 'events.1.changes', 'At most 100 changes per event'],
  ])('refuses %s', (_, event, path, message) => {
    expect(issuesOf(event)).toEqual([{ path, message }]);
  });

  it('refuses NUL characters and unpaired surrogates anywhere in details, keys included', () => {
    expect(pathsOf({ details: { a: [{ b: 'x\u0000' }] } })).toEqual(['events.1.details.a.0.b']);
    expect(pathsOf({ details: { ['k\u0000']: 1 } })).toEqual(['events.1.details.k\u0000']);
    expect(pathsOf({ details: { a: '\udc00' } })).toEqual(['events.1.details.a']);
    expect(pathsOf({ details: { a: '\ud83d\ude00' } })).toEqual([]);
  });

  it('caps how deep and how large details may be', () => {
    const nested = (depth: number): object => (depth === 0 ? { leaf: 1 } : { n: nested(depth - 1) });
    expect(pathsOf({ details: nested(LIMITS.depth - 2) })).toEqual([]);
    expect(issuesOf({ details: nested(LIMITS.depth) })).toEqual([{ path: `events.1.details${'.n'.repeat(LIMITS.depth)}`, message: 'Nested too deeply' }]);
    expect(issuesOf({ details: { blob: 'x'.repeat(LIMITS.detailsBytes) } })).toEqual([{ path: 'events.1.details', message: 'Must be at most 65536 bytes as JSON' }]);
  });

  it('keeps a "__proto__" key of details as data', () => {
    const parsed = parseIngestRequest(JSON.parse('{"events":[{"action":"a","actor":{"id":"u","name":"A"},"details":{"__proto__":{"x":1}}}]}'));
    expect(parsed.ok && Object.keys(parsed.events[0].details ?? {})).toEqual(['__proto__']);
  });

  it('lists the issues of every event', () => {
    const parsed = parseIngestRequest({ events: [{}, valid, { ...valid, result: 1 }] });
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toEqual(['events.0.action', 'events.0.actor', 'events.2.result']);
  });

  it('wants between 1 and 1,000 events in an object body', () => {
    expect(parseIngestRequest({ events: [] })).toEqual({ ok: false, issues: [{ path: 'events', message: 'Send at least one event' }] });
    expect(parseIngestRequest({ events: Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => valid) })).toEqual({
      ok: false,
      issues: [{ path: 'events', message: 'At most 1000 events per request' }],
    });
    expect(parseIngestRequest({})).toEqual({ ok: false, issues: [{ path: 'events', message: 'Required' }] });
    expect(parseIngestRequest(undefined)).toEqual({ ok: false, issues: [{ path: 'body', message: 'Expected a JSON body (Content-Type: application/json)' }] });
  });
});
