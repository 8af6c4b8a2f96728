import { decodeActivityCursor, encodeActivityCursor } from './activity-cursor';
import { activityQuerySchema } from './activity-query.schema';

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
