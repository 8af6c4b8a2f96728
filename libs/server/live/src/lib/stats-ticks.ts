/** Something that shows a stats tick: a stats subscription. */
export interface TickTarget {
  tick(position: string): void;
}

/**
 * Coalesces stats ticks: a target marked any number of times between two
 * flushes gets one tick, and only once the stats projection has counted its
 * position, so a client refetching on the tick sees the new numbers.
 */
export class StatsTicks {
  private readonly pending = new Map<TickTarget, string>();
  private countedUpTo = '';

  mark(target: TickTarget, position: string): void {
    const marked = this.pending.get(target);
    if (marked === undefined || position > marked) this.pending.set(target, position);
  }

  /** The stats projection's checkpoint. */
  counted(position: string | null): void {
    if (position !== null && position > this.countedUpTo) this.countedUpTo = position;
  }

  /** Ticks every target whose position is counted; the others wait for a later flush. */
  flush(): void {
    for (const [target, position] of this.pending) {
      if (position > this.countedUpTo) continue;
      this.pending.delete(target);
      target.tick(position);
    }
  }

  forget(target: TickTarget): void {
    this.pending.delete(target);
  }
}
