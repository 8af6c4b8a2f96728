import type { IngestEvent } from '@trailmark/contracts';
import { demoHistory } from './demo-history';

const UNTIL = new Date('2026-03-11T10:30:00Z');
const story = () => {
  let n = 0;
  return (): IngestEvent => ({ action: 'ticket.created', actor: { id: 'a', name: 'A' }, target: { type: 'ticket', id: `T-${++n}` } });
};

describe('the demo history', () => {
  const events = demoHistory(story(), 1000, UNTIL, 7, 'demo-42');

  it('has exactly the events asked for, in story order, with ids, oldest first, within the week before', () => {
    expect(events).toHaveLength(1000);
    expect(events.map((event) => event.target?.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `T-${i + 1}`));
    expect(events[0].id).toBe('demo-42-0');
    expect(events[999].id).toBe('demo-42-999');
    const times = events.map((event) => Date.parse(event.occurredAt!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-03-04T10:00:00Z'));
    expect(Math.max(...times)).toBeLessThan(UNTIL.getTime());
  });

  it('is busier in weekday office hours than at night', () => {
    const hourOf = (event: IngestEvent) => new Date(event.occurredAt!).getUTCHours();
    const weekday = events.filter((event) => ![0, 6].includes(new Date(event.occurredAt!).getUTCDay()));
    const office = weekday.filter((event) => hourOf(event) >= 8 && hourOf(event) < 18).length;
    const night = weekday.filter((event) => hourOf(event) < 6 || hourOf(event) >= 22).length;
    expect(office).toBeGreaterThan(night * 10);
  });
});
