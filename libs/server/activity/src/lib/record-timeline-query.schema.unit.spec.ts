import { encodeActivityCursor } from './activity-cursor';
import { recordTimelineQuerySchema } from './record-timeline-query.schema';

describe('record timeline query', () => {
  it('defaults to newest first, 20 at a time', () => {
    expect(recordTimelineQuerySchema.parse({})).toEqual({ order: 'desc', limit: 20 });
  });

  it('takes an order, a limit and a cursor it handed out', () => {
    const cursor = { occurredAt: '2026-03-01T10:00:00.123456+00:00', position: '00000000000000000012:00000000000000000034' };
    expect(recordTimelineQuerySchema.parse({ order: 'asc', limit: '5', cursor: encodeActivityCursor(cursor) })).toEqual({ order: 'asc', limit: 5, cursor });
  });

  it('names each bad parameter by its path', () => {
    const bad = recordTimelineQuerySchema.safeParse({ order: 'newest', limit: '0', cursor: 'not-a-cursor', colour: 'red' });
    expect(bad.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['', 'cursor', 'limit', 'order']);
  });
});
