import type { IngestEvent } from '@trailmark/contracts';

const HOUR = 3_600_000;

/** A help desk's rhythm: busy on weekday office hours, quiet at night and at weekends. */
function hourWeight(start: number): number {
  const date = new Date(start);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const hour = date.getUTCHours();
  const office = hour >= 8 && hour < 18;
  return (weekend ? 0.25 : 1) * (office ? 4 : hour >= 6 && hour < 22 ? 1 : 0.2);
}

/**
 * `count` events of a story, in order, spread over the `days` before `until`
 * by the hour's weight, each with an id (so a retried backfill is stored once)
 * and its time.
 */
export function demoHistory(next: () => IngestEvent, count: number, until: Date, days: number, idPrefix: string): IngestEvent[] {
  const firstHour = Math.floor(until.getTime() / HOUR) * HOUR - days * 24 * HOUR;
  const hours = Array.from({ length: days * 24 }, (_, i) => firstHour + i * HOUR);
  const weights = hours.map(hourWeight);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const events: IngestEvent[] = [];
  let planned = 0;
  let cumulative = 0;
  hours.forEach((start, index) => {
    cumulative += weights[index];
    const upTo = Math.round((cumulative / totalWeight) * count);
    const inHour = upTo - planned;
    for (let k = 0; k < inHour; k += 1) {
      const occurredAt = new Date(Math.min(start + ((k + 0.5) / inHour) * HOUR, until.getTime() - 1000)).toISOString();
      events.push({ ...next(), id: `${idPrefix}-${planned + k}`, occurredAt });
    }
    planned = upTo;
  });
  return events;
}
