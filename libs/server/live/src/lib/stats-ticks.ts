/** Something that shows a stats tick: a stats subscription. */
export interface TickTarget {
  tick(position: string): void;
}

/** What a target was marked with since its last tick. */
interface Marks {
  /** The earliest position still to be announced; a tick is due once it is counted. */
  first: string;
  last: string;
}

/**
 * Coalesces stats ticks: a target marked any number of times between two
 * flushes gets one tick, and only once the stats projection has counted a
 * position it was marked with, so a client refetching on the tick sees new
 * numbers. The tick carries the furthest counted position it covers. Under a
 * steady stream the latest mark is always ahead of the counted one, so the
 * tick waits for the earliest, not the latest: the rest stays pending for the
 * next flush.
 */
export class StatsTicks {
  private readonly pending = new Map<TickTarget, Marks>();
  private countedUpTo = '';

  mark(target: TickTarget, position: string): void {
    const marks = this.pending.get(target);
    if (marks === undefined) this.pending.set(target, { first: position, last: position });
    else if (position < marks.first) marks.first = position;
    else if (position > marks.last) marks.last = position;
  }

  /** The stats projection's checkpoint. */
  counted(position: string | null): void {
    if (position !== null && position > this.countedUpTo) this.countedUpTo = position;
  }

  /** Ticks every target with a counted mark; marks beyond the count wait for a later flush. */
  flush(): void {
    for (const [target, marks] of this.pending) {
      if (marks.first > this.countedUpTo) continue;
      if (marks.last <= this.countedUpTo) {
        this.pending.delete(target);
        target.tick(marks.last);
      } else {
        // Marks between the count and `last` are not known one by one: the next tick waits for `last`, which covers them.
        marks.first = marks.last;
        target.tick(this.countedUpTo);
      }
    }
  }

  forget(target: TickTarget): void {
    this.pending.delete(target);
  }
}
