const LOAD_ID_PREFIX = 'live-bench-';

/** The id of the load's n-th event. */
export const loadEventId = (n: number): string => `${LOAD_ID_PREFIX}${n}`;

/** The number of a load event's id; undefined for any other id. */
export function loadEventNumber(eventId: string): number | undefined {
  if (!eventId.startsWith(LOAD_ID_PREFIX)) return undefined;
  const n = Number(eventId.slice(LOAD_ID_PREFIX.length));
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * How often a watcher received each event. The load's events are counted in a
 * byte per event number, off the JS heap: 200 watchers holding well over a
 * million ids as strings made the bench's own major collections pause its
 * clients for 40–50 ms, which the latencies then included. Any other id is
 * kept as it is.
 */
export class Receipts {
  private counts = new Uint8Array(1 << 16);
  private readonly others = new Map<string, number>();
  private received = 0;
  private distinctCount = 0;

  add(eventId: string): void {
    this.received += 1;
    const n = loadEventNumber(eventId);
    const before = n === undefined ? (this.others.get(eventId) ?? 0) : this.countAt(n);
    if (before === 0) this.distinctCount += 1;
    if (n === undefined) {
      this.others.set(eventId, before + 1);
      return;
    }
    while (n >= this.counts.length) {
      const grown = new Uint8Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[n] = Math.min(255, before + 1);
  }

  /** How often `eventId` arrived (at most 255 for a load event). */
  count(eventId: string): number {
    const n = loadEventNumber(eventId);
    return n === undefined ? (this.others.get(eventId) ?? 0) : this.countAt(n);
  }

  /** Different events received. */
  get distinct(): number {
    return this.distinctCount;
  }

  /** Arrivals of an event already received. */
  get duplicates(): number {
    return this.received - this.distinctCount;
  }

  private countAt(n: number): number {
    return n < this.counts.length ? this.counts[n] : 0;
  }
}
