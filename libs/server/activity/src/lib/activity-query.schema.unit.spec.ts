import { decodeActivityCursor, encodeActivityCursor } from './activity-cursor';
import { activityQuerySchema, auditLogQuerySchema } from './activity-query.schema';

describe('activity query', () => {
  it('defaults to my activity over 7 days, 20 at a time', () => {
    expect(activityQuerySchema.parse({})).toEqual({ scope: 'mine', range: '7d', limit: 20 });
  });

  it('round-trips a cursor and refuses one it did not hand out', () => {
    const cursor = { occurredAt: '2026-03-01T10:00:00.123456+00:00', position: '0000000000000012:0000000000000034' };
    expect(decodeActivityCursor(encodeActivityCursor(cursor))).toEqual(cursor);
    expect(activityQuerySchema.parse({ cursor: encodeActivityCursor(cursor) }).cursor).toEqual(cursor);
    const bad = activityQuerySchema.safeParse({ cursor: Buffer.from('{"o":"yesterday","p":"1"}').toString('base64url') });
    expect(bad.error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
  });
});

describe('activity time bounds', () => {
  it('searches the whole history once from, to, view=archive or a created: qualifier bounds the time', () => {
    expect(activityQuerySchema.parse({ from: '2026-01-01' })).toMatchObject({ range: 'all', from: '2026-01-01T00:00:00.000Z' });
    expect(activityQuerySchema.parse({ to: '2026-01-01T10:00:00+02:00' })).toMatchObject({ range: 'all', to: '2026-01-01T08:00:00.000Z' });
    expect(activityQuerySchema.parse({ view: 'archive' }).range).toBe('all');
    expect(activityQuerySchema.parse({ q: 'created:<2026-01-01' }).range).toBe('all');
    expect(activityQuerySchema.parse({ view: 'recent' }).range).toBe('7d');
    expect(activityQuerySchema.parse({ view: 'archive', range: '30d' }).range).toBe('30d');
  });

  it('keeps q as typed beside its parsed clauses, and reports a bad q or date at its path', () => {
    expect(activityQuerySchema.parse({ q: ' actor:ada ' }).q).toEqual({ text: 'actor:ada', clauses: [{ kind: 'actor', value: 'ada', negated: false }] });
    expect(activityQuerySchema.parse({ q: '  ' }).q).toBeUndefined();
    const bad = activityQuerySchema.safeParse({ q: 'colour:red', from: '2026-02-30', to: '2026-01-01T10:00', view: 'old' });
    expect(bad.error?.issues.map((issue) => [issue.path.join('.'), issue.message.slice(0, 30)])).toEqual([
      ['from', 'Expected an ISO 8601 date or d'],
      ['to', 'Expected an ISO 8601 date or d'],
      ['view', 'Invalid option: expected one o'],
      ['q', 'Unknown qualifier "colour:" in'],
    ]);
  });

  it('limits the audit log to its categories and takes no scope', () => {
    expect(auditLogQuerySchema.parse({ category: 'Auth' })).toEqual({ category: 'Auth', range: '7d', limit: 20 });
    expect(auditLogQuerySchema.safeParse({ category: 'Records' }).error?.issues[0].path).toEqual(['category']);
    expect(auditLogQuerySchema.safeParse({ scope: 'mine' }).success).toBe(false);
  });
});
