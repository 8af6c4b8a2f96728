import type { ActivityItem } from '@trailmark/contracts';
import { FeedCursor } from './feed-cursor';

const at = (n: number) => `${String(n).padStart(20, '0')}:${String(n).padStart(20, '0')}`;
const item = (n: number) => ({ position: at(n), eventId: `e${n}` }) as ActivityItem;
const ids = (items: readonly ActivityItem[] | undefined) => items?.map((sent) => sent.eventId);

describe('FeedCursor', () => {
  it('passes live items on in order and drops what it already sent', () => {
    const cursor = new FeedCursor(at(2), 10);
    expect(ids([1, 2, 3, 3, 4].flatMap((n) => cursor.live(item(n)) ?? []))).toEqual(['e3', 'e4']);
    expect(cursor.position).toBe(at(4));
  });

  it('holds live items during a catch-up and sends, after the replay, only those the replay did not cover', () => {
    const cursor = new FeedCursor(at(1), 10);
    cursor.startCatchUp();
    expect([4, 5, 6].map((n) => cursor.live(item(n)))).toEqual([undefined, undefined, undefined]);
    expect(ids(cursor.replayed([item(2), item(3), item(4), item(5)]))).toEqual(['e2', 'e3', 'e4', 'e5']);
    expect(ids(cursor.endCatchUp())).toEqual(['e6']);
    expect(ids([cursor.live(item(6)), cursor.live(item(7))].flatMap((sent) => sent ?? []))).toEqual(['e7']);
  });

  it('asks for another read when items may have been lost during the catch-up', () => {
    const cursor = new FeedCursor(at(1), 10);
    cursor.startCatchUp();
    cursor.replayed([item(2)]);
    cursor.missedSome();
    cursor.live(item(5));
    expect(cursor.endCatchUp()).toBeUndefined();
    expect(ids(cursor.replayed([item(3), item(4), item(5)]))).toEqual(['e3', 'e4', 'e5']);
    expect(ids(cursor.endCatchUp())).toEqual([]);
  });

  it('stops holding past its limit and reads the database again instead, keeping what came after', () => {
    const cursor = new FeedCursor(at(0), 3);
    cursor.startCatchUp();
    [1, 2, 3, 4, 5].forEach((n) => cursor.live(item(n)));
    expect(cursor.endCatchUp()).toBeUndefined();
    expect(ids(cursor.replayed([item(1), item(2), item(3)]))).toEqual(['e1', 'e2', 'e3']);
    expect(ids(cursor.endCatchUp())).toEqual(['e4', 'e5']);
  });
});
