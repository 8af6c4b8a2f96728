export const STATS_GROUPS = ['hour', 'day', 'week'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const STATS_RANGES = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY, all: undefined } as const;
export type StatsRange = keyof typeof STATS_RANGES;

/** Most buckets one series may have: 90 days by the hour, and a little more. */
export const MAX_STATS_BUCKETS = 2500;

/** A named range ending now, or explicit bounds (to exclusive). */
export type StatsPeriod = { range: StatsRange } | { from: Date; to: Date };

/** Whole hours (group=hour) or whole UTC days; the previous window is as long and ends at `from`. */
export interface StatsWindow {
  from: Date;
  to: Date;
  previousFrom: Date;
  group: StatsGroup;
  /** The stored buckets that tile the window: hours for group=hour, else days. */
  grain: 'hour' | 'day';
  /** Start of each series bucket; a week's first bucket starts at `from` when that is not a Monday. */
  buckets: Date[];
}

export type StatsWindowResult = { ok: true; window: StatsWindow } | { ok: false; message: string };

const floorTo = (time: number, unit: number) => Math.floor(time / unit) * unit;
const ceilTo = (time: number, unit: number) => Math.ceil(time / unit) * unit;

/** Hourly up to two days, daily up to a month, weekly beyond. */
export function defaultGroup(length: number): StatsGroup {
  if (length <= 2 * DAY) return 'hour';
  return length <= 31 * DAY ? 'day' : 'week';
}

/** Monday 00:00 UTC after `time`, as Postgres `date_trunc('week', …)` counts weeks. */
function nextMonday(time: number): number {
  const day = floorTo(time, DAY);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return day + (7 - sinceMonday) * DAY;
}

/** The first and last counted hours, which `all` spans. */
export interface StatsExtent {
  earliest: Date;
  latest: Date;
}

/**
 * The window a stats request covers. A range ends with the current hour or
 * day and reaches back its length; `all` spans every counted hour, future
 * ones included; explicit bounds widen to whole hours or days.
 */
export function statsWindow(period: StatsPeriod, requested: StatsGroup | undefined, now: Date, extent?: StatsExtent): StatsWindowResult {
  const explicit = 'from' in period;
  const length = explicit ? undefined : STATS_RANGES[period.range];
  const start = explicit ? period.from.getTime() : length !== undefined ? now.getTime() - length : (extent?.earliest ?? now).getTime();
  const end = explicit ? period.to.getTime() : Math.max(now.getTime(), extent?.latest.getTime() ?? 0);
  const group = requested ?? defaultGroup(end - start);
  const unit = group === 'hour' ? HOUR : DAY;
  const to = explicit ? ceilTo(end, unit) : floorTo(end, unit) + unit;
  const from = length !== undefined ? to - length : floorTo(start, unit);
  const buckets: Date[] = [];
  for (let at = from; at < to; at = group === 'week' ? nextMonday(at) : at + unit) {
    if (buckets.length === MAX_STATS_BUCKETS) {
      return { ok: false, message: `The window has more than ${MAX_STATS_BUCKETS} ${group}s; choose a shorter window or a longer group` };
    }
    buckets.push(new Date(at));
  }
  const grain = group === 'hour' ? 'hour' : 'day';
  return { ok: true, window: { from: new Date(from), to: new Date(to), previousFrom: new Date(2 * from - to), group, grain, buckets } };
}
