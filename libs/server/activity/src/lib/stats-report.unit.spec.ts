import { initials, percentChange, statsReport } from './stats-report';
import type { StatsWindow } from './stats-window';

const day = (n: number) => new Date(Date.UTC(2026, 9, n));

const window: StatsWindow = { from: day(5), to: day(8), previousFrom: day(2), group: 'day', grain: 'day', buckets: [day(5), day(6), day(7)] };

describe('stats report', () => {
  it('makes initials from the first and last words', () => {
    expect(['Grace Brewster Hopper', 'ada lovelace', 'Kim', '  Émile  Zola ', ''].map(initials)).toEqual(['GH', 'AL', 'K', 'ÉZ', '']);
  });

  it('gives the change in percent, or null when there was nothing before', () => {
    expect([percentChange(15, 10), percentChange(2, 3), percentChange(5, 0), percentChange(0, 0)]).toEqual([50, -33.3, null, null]);
  });

  it('zero-fills the series, sums the cards and split, and drops empty categories', () => {
    const report = statsReport(window, {
      series: [
        { period: day(5), kind: 'auth', events: 2 },
        { period: day(5), kind: 'write', events: 3 },
        { period: day(7), kind: 'read', events: 1 },
      ],
      categories: [
        { category: 'Records', events: 3 },
        { category: 'Browsing', events: 1 },
        { category: 'Auth', events: 2 },
        { category: 'Files', events: 0 },
      ],
      previousTotal: 4,
      uniqueIps: 2,
      topActors: [{ actorId: 'agent-7', name: 'Grace Hopper', events: 4, lastSeen: new Date('2026-10-07T09:00:00Z') }],
    });
    expect(report).toEqual({
      window: { from: '2026-10-05T00:00:00.000Z', to: '2026-10-08T00:00:00.000Z', previousFrom: '2026-10-02T00:00:00.000Z', group: 'day' },
      kpis: { total: { value: 6, previous: 4, changePercent: 50 }, signIns: 2, writes: 3, reads: 1, uniqueIps: 2 },
      series: [
        { start: '2026-10-05T00:00:00.000Z', auth: 2, writes: 3, other: 0 },
        { start: '2026-10-06T00:00:00.000Z', auth: 0, writes: 0, other: 0 },
        { start: '2026-10-07T00:00:00.000Z', auth: 0, writes: 0, other: 1 },
      ],
      split: [
        { kind: 'auth', events: 2, percent: 33.3 },
        { kind: 'write', events: 3, percent: 50 },
        { kind: 'read', events: 1, percent: 16.7 },
      ],
      topActors: [{ id: 'agent-7', name: 'Grace Hopper', initials: 'GH', events: 4, lastSeen: '2026-10-07T09:00:00.000Z' }],
      categories: [
        { category: 'Records', events: 3 },
        { category: 'Auth', events: 2 },
        { category: 'Browsing', events: 1 },
      ],
    });
  });
});
