import type { StatsReport } from '../api/api-types';

export function statsReport(overrides: Partial<StatsReport> = {}): StatsReport {
  return {
    window: { from: '2026-03-03T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z', previousFrom: '2026-02-24T00:00:00.000Z', group: 'day' },
    kpis: { total: { value: 1250, previous: 1000, changePercent: 25 }, signIns: 200, writes: 800, reads: 250, uniqueIps: 14 },
    series: [
      { start: '2026-03-08T00:00:00.000Z', auth: 10, writes: 40, other: 5 },
      { start: '2026-03-09T00:00:00.000Z', auth: 20, writes: 60, other: 15 },
    ],
    split: [
      { kind: 'auth', events: 200, percent: 16 },
      { kind: 'write', events: 800, percent: 64 },
      { kind: 'read', events: 250, percent: 20 },
    ],
    topActors: [{ id: 'usr-grace', name: 'Grace Kim', initials: 'GK', events: 300, lastSeen: '2026-03-09T23:00:00.000Z' }],
    categories: [
      { category: 'Records', events: 700 },
      { category: 'Auth', events: 200 },
      { category: 'Files', events: 0 },
      { category: 'Inbox', events: 350 },
    ],
    ...overrides,
  };
}
