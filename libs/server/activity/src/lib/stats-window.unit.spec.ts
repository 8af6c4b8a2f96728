import { defaultGroup, MAX_STATS_BUCKETS, statsWindow, type StatsWindow } from './stats-window';

const now = new Date('2026-10-14T15:42:10Z'); // a Wednesday

function window(...args: Parameters<typeof statsWindow>): StatsWindow {
  const result = statsWindow(...args);
  if (!result.ok) throw new Error(result.message);
  return result.window;
}

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('stats window', () => {
  it('groups by the hour up to two days, by the day up to a month, by the week beyond', () => {
    expect([1, 2, 3, 31, 32, 90].map((days) => defaultGroup(days * 86_400_000))).toEqual(['hour', 'hour', 'day', 'day', 'week', 'week']);
  });

  it('ends 24h with the current hour, hour by hour, and compares with the 24 hours before', () => {
    const w = window({ range: '24h' }, undefined, now);
    expect([w.group, w.from.toISOString(), w.to.toISOString(), w.previousFrom.toISOString()]).toEqual([
      'hour',
      '2026-10-13T16:00:00.000Z',
      '2026-10-14T16:00:00.000Z',
      '2026-10-12T16:00:00.000Z',
    ]);
    expect(w.buckets).toHaveLength(24);
    expect(w.buckets[23].toISOString()).toBe('2026-10-14T15:00:00.000Z');
  });

  it('ends 7d with today, day by day', () => {
    const w = window({ range: '7d' }, undefined, now);
    expect([w.group, w.from.toISOString(), w.to.toISOString()]).toEqual(['day', '2026-10-08T00:00:00.000Z', '2026-10-15T00:00:00.000Z']);
    expect(iso(w.buckets)).toEqual(['08', '09', '10', '11', '12', '13', '14'].map((day) => `2026-10-${day}T00:00:00.000Z`));
  });

  it('cuts 90d into weeks from Monday, the first one starting with the window', () => {
    const w = window({ range: '90d' }, undefined, now);
    expect([w.group, w.from.toISOString()]).toEqual(['week', '2026-07-17T00:00:00.000Z']);
    expect(iso(w.buckets.slice(0, 3))).toEqual(['2026-07-17T00:00:00.000Z', '2026-07-20T00:00:00.000Z', '2026-07-27T00:00:00.000Z']);
    expect(w.buckets.at(-1)?.toISOString()).toBe('2026-10-12T00:00:00.000Z');
    expect(w.buckets).toHaveLength(14);
  });

  it('widens explicit bounds to whole days, or whole hours when grouped by the hour', () => {
    const period = { from: new Date('2026-10-05T10:30:00Z'), to: new Date('2026-10-07T09:15:00Z') };
    const byDay = window(period, 'day', now);
    expect([byDay.from.toISOString(), byDay.to.toISOString(), byDay.previousFrom.toISOString()]).toEqual([
      '2026-10-05T00:00:00.000Z',
      '2026-10-08T00:00:00.000Z',
      '2026-10-02T00:00:00.000Z',
    ]);
    const byHour = window(period, undefined, now);
    expect([byHour.group, byHour.from.toISOString(), byHour.to.toISOString(), byHour.buckets.length]).toEqual([
      'hour',
      '2026-10-05T10:00:00.000Z',
      '2026-10-07T10:00:00.000Z',
      48,
    ]);
  });

  it('spans every counted hour for all, a future one included', () => {
    const w = window({ range: 'all' }, undefined, now, { earliest: new Date('2026-08-01T07:00:00Z'), latest: new Date('2026-10-14T09:00:00Z') });
    expect([w.group, w.from.toISOString(), w.to.toISOString()]).toEqual(['week', '2026-08-01T00:00:00.000Z', '2026-10-15T00:00:00.000Z']);
    const ahead = window({ range: 'all' }, undefined, now, { earliest: new Date('2026-10-14T09:00:00Z'), latest: new Date('2026-10-15T02:00:00Z') });
    expect([ahead.group, ahead.from.toISOString(), ahead.to.toISOString()]).toEqual(['hour', '2026-10-14T09:00:00.000Z', '2026-10-15T03:00:00.000Z']);
    expect(iso(window({ range: 'all' }, undefined, now).buckets)).toEqual(['2026-10-14T15:00:00.000Z']);
  });

  it('refuses a series with too many buckets', () => {
    const result = statsWindow({ range: 'all' }, 'hour', now, { earliest: new Date('2025-01-01T00:00:00Z'), latest: now });
    expect(result).toEqual({ ok: false, message: `The window has more than ${MAX_STATS_BUCKETS} hours; choose a shorter window or a longer group` });
    expect(statsWindow({ range: '90d' }, 'hour', now).ok).toBe(true);
  });
});
