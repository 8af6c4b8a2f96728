import { loadEventId, loadEventNumber, Receipts } from './live-receipts';

describe('Receipts', () => {
  it('counts load events and other ids alike, and the repeats as duplicates', () => {
    const receipts = new Receipts();
    for (const id of [loadEventId(3), loadEventId(0), loadEventId(3), 'ev-from-elsewhere', 'ev-from-elsewhere', loadEventId(3)]) receipts.add(id);
    expect([receipts.count(loadEventId(3)), receipts.count(loadEventId(0)), receipts.count(loadEventId(1)), receipts.count('ev-from-elsewhere')]).toEqual([3, 1, 0, 2]);
    expect([receipts.distinct, receipts.duplicates]).toEqual([3, 3]);
  });

  it('grows past its first size without losing what it holds', () => {
    const receipts = new Receipts();
    receipts.add(loadEventId(5));
    receipts.add(loadEventId(1_000_000));
    expect([receipts.count(loadEventId(5)), receipts.count(loadEventId(1_000_000)), receipts.count(loadEventId(999_999))]).toEqual([1, 1, 0]);
    expect(receipts.distinct).toBe(2);
  });

  it('reads only the load’s own ids as numbered', () => {
    expect([loadEventNumber(loadEventId(42)), loadEventNumber('live-bench-x'), loadEventNumber('live-bench--1'), loadEventNumber('other-42')]).toEqual([42, undefined, undefined, undefined]);
  });
});
