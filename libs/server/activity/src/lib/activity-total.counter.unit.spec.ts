import { timeWindow } from './activity-filter.sql';
import { activityQuerySchema } from './activity-query.schema';
import { totalPlan } from './activity-total.counter';

const NOW = new Date('2026-03-10T15:30:00.000Z');
const filter = (query: Record<string, string> = {}) => activityQuerySchema.parse(query);
const at = (iso: string) => new Date(iso);

describe('timeWindow', () => {
  it('counts ranges back from now and keeps the tightest of range, from, to and view', () => {
    expect(timeWindow(filter(), NOW)).toEqual({ from: at('2026-03-03T15:30:00.000Z'), to: undefined });
    expect(timeWindow(filter({ range: 'all' }), NOW)).toEqual({ from: undefined, to: undefined });
    expect(timeWindow(filter({ range: '30d', from: '2026-03-01', to: '2026-03-05' }), NOW)).toEqual({ from: at('2026-03-01T00:00:00.000Z'), to: at('2026-03-05T00:00:00.000Z') });
    expect(timeWindow(filter({ view: 'archive' }), NOW)).toEqual({ from: undefined, to: at('2026-03-06T15:30:00.000Z') });
    expect(timeWindow(filter({ range: '24h', view: 'recent' }), NOW)).toEqual({ from: at('2026-03-09T15:30:00.000Z'), to: undefined });
  });
});

describe('totalPlan', () => {
  it('reads whole days by the day, the hours around them by the hour, and leaves the partial hour to the feed', () => {
    expect(totalPlan({ workspaceId: 'ws' }, filter({ range: '30d' }), NOW)).toEqual({
      workspaceId: 'ws',
      actorId: undefined,
      categories: undefined,
      span: { from: at('2026-02-08T16:00:00.000Z'), to: undefined },
      segments: [
        { grain: 'hour', from: at('2026-02-08T16:00:00.000Z'), to: at('2026-02-09T00:00:00.000Z') },
        { grain: 'day', from: at('2026-02-09T00:00:00.000Z'), to: undefined },
      ],
      edges: [{ from: at('2026-02-08T15:30:00.000Z'), to: at('2026-02-08T16:00:00.000Z') }],
    });
  });

  it('bounds both ends of a closed window and uses hours alone when no whole day fits', () => {
    const closed = totalPlan({ workspaceId: 'ws' }, filter({ from: '2026-02-20T22:10:00Z', to: '2026-03-03T01:45:00Z' }), NOW);
    expect(closed?.segments).toEqual([
      { grain: 'hour', from: at('2026-02-20T23:00:00.000Z'), to: at('2026-02-21T00:00:00.000Z') },
      { grain: 'day', from: at('2026-02-21T00:00:00.000Z'), to: at('2026-03-03T00:00:00.000Z') },
      { grain: 'hour', from: at('2026-03-03T00:00:00.000Z'), to: at('2026-03-03T01:00:00.000Z') },
    ]);
    expect(closed?.edges).toEqual([
      { from: at('2026-02-20T22:10:00.000Z'), to: at('2026-02-20T23:00:00.000Z') },
      { from: at('2026-03-03T01:00:00.000Z'), to: at('2026-03-03T01:45:00.000Z') },
    ]);
    expect(totalPlan({ workspaceId: 'ws' }, filter({ view: 'archive' }), NOW)?.segments).toEqual([
      { grain: 'day', from: undefined, to: at('2026-03-06T00:00:00.000Z') },
      { grain: 'hour', from: at('2026-03-06T00:00:00.000Z'), to: at('2026-03-06T15:00:00.000Z') },
    ]);
  });

  it('reads a day or a week from the buckets too, leaving only the partial hour before the first whole one to the feed', () => {
    expect(totalPlan({ workspaceId: 'ws' }, filter({ range: '24h' }), NOW)).toEqual({
      workspaceId: 'ws',
      actorId: undefined,
      categories: undefined,
      span: { from: at('2026-03-09T16:00:00.000Z'), to: undefined },
      segments: [
        { grain: 'hour', from: at('2026-03-09T16:00:00.000Z'), to: at('2026-03-10T00:00:00.000Z') },
        { grain: 'day', from: at('2026-03-10T00:00:00.000Z'), to: undefined },
      ],
      edges: [{ from: at('2026-03-09T15:30:00.000Z'), to: at('2026-03-09T16:00:00.000Z') }],
    });
    expect(totalPlan({ workspaceId: 'ws' }, filter(), NOW)?.segments).toEqual([
      { grain: 'hour', from: at('2026-03-03T16:00:00.000Z'), to: at('2026-03-04T00:00:00.000Z') },
      { grain: 'day', from: at('2026-03-04T00:00:00.000Z'), to: undefined },
    ]);
    const onTheHour = totalPlan({ workspaceId: 'ws' }, filter({ range: '24h' }), at('2026-03-10T15:00:00.000Z'));
    expect([onTheHour?.span, onTheHour?.edges]).toEqual([{ from: at('2026-03-09T15:00:00.000Z'), to: undefined }, []]);
  });

  it('leaves a window of three hours or less, or one without a whole hour, to the feed', () => {
    const short: Record<string, string>[] = [
      { from: '2026-03-10T12:30:00Z' },
      { from: '2026-03-09T10:00:00Z', to: '2026-03-09T13:00:00Z' },
      { from: '2026-03-09T10:10:00Z', to: '2026-03-09T10:50:00Z' },
    ];
    for (const query of short) {
      expect(totalPlan({ workspaceId: 'ws' }, filter(query), NOW)).toBeUndefined();
    }
    expect(totalPlan({ workspaceId: 'ws' }, filter({ from: '2026-03-09T10:10:00Z', to: '2026-03-09T14:50:00Z' }), NOW)?.segments).toEqual([
      { grain: 'hour', from: at('2026-03-09T11:00:00.000Z'), to: at('2026-03-09T14:00:00.000Z') },
    ]);
  });

  it('narrows by actor and by the categories both the audience and the filter allow', () => {
    const plan = totalPlan({ workspaceId: 'ws', actorId: 'u-1', categories: ['Auth', 'Exports'] }, filter({ range: 'all', category: 'Auth' }), NOW);
    expect(plan).toMatchObject({ actorId: 'u-1', categories: ['Auth'], segments: [{ grain: 'day', from: undefined, to: undefined }], edges: [] });
    expect(totalPlan({ workspaceId: 'ws', actorId: 'u-1' }, filter({ actor: 'u-1', range: '90d' }), NOW)?.actorId).toBe('u-1');
  });

  it('leaves to the feed what the buckets do not count', () => {
    const unanswerable: Record<string, string>[] = [{ type: 'TicketAssigned' }, { recordType: 'ticket' }, { recordId: 'T-1' }, { result: 'failure' }, { q: 'assigned' }];
    for (const query of unanswerable) {
      expect(totalPlan({ workspaceId: 'ws' }, filter(query), NOW)).toBeUndefined();
    }
    expect(totalPlan({ workspaceId: 'ws', actorId: 'u-1' }, filter({ actor: 'u-2', range: '90d' }), NOW)).toBeUndefined();
  });
});
