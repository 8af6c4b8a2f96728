const HOUR = 3_600_000;

/** Working hours and weekdays are busy, nights and weekends quiet (UTC, a European help desk). */
function hourWeight(at: Date): number {
  const day = at.getUTCDay();
  const hour = at.getUTCHours();
  const weekday = day === 0 || day === 6 ? 0.25 : 1;
  return weekday * (hour >= 7 && hour < 18 ? 1 : 0.12);
}

/**
 * The time of the i-th of `events` events spread between `since` and `until`
 * with a daily and weekly rhythm, non-decreasing in i (call it with i = 0, 1, 2…).
 */
export function activityClock(since: Date, until: Date, events: number): (i: number) => Date {
  const hours = Math.max(1, Math.floor((until.getTime() - since.getTime()) / HOUR));
  const weights = Array.from({ length: hours }, (_, h) => hourWeight(new Date(since.getTime() + h * HOUR)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let hour = 0;
  let before = 0;
  return (i) => {
    const target = ((i + 0.5) / events) * total;
    while (hour < hours - 1 && before + weights[hour] <= target) {
      before += weights[hour];
      hour += 1;
    }
    const within = Math.min(1, Math.max(0, (target - before) / weights[hour]));
    return new Date(since.getTime() + (hour + within) * HOUR);
  };
}
