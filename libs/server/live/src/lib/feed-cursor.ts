import type { ActivityItem } from '@trailmark/contracts';

/**
 * Where one subscription stands: the position of the last item it sent, and
 * the live items held back while a catch-up reads the database. Nothing at or
 * before the position goes out again, so the catch-up and the live items meet
 * without a gap or a duplicate.
 */
export class FeedCursor {
  private held: ActivityItem[] | undefined;
  private readAgain = false;

  constructor(
    private last: string,
    private readonly maxHeld: number,
  ) {}

  get position(): string {
    return this.last;
  }

  /** Live items are held from now until `endCatchUp`. */
  startCatchUp(): void {
    this.held ??= [];
  }

  /** A live item: returned when it should go out now; held during a catch-up; dropped when already sent. */
  live(item: ActivityItem): ActivityItem | undefined {
    if (!this.held) return this.advance(item);
    if (this.held.length >= this.maxHeld) {
      // Too many to hold: drop them and read the database once more, which has them all.
      this.held = [];
      this.readAgain = true;
    }
    this.held.push(item);
    return undefined;
  }

  /** Items read from the database after `position`, in order: those to send. */
  replayed(items: readonly ActivityItem[]): ActivityItem[] {
    return items.filter((item) => this.advance(item) !== undefined);
  }

  /** Something may have been lost on the way here: the catch-up under way must read the database once more. */
  missedSome(): void {
    this.readAgain = true;
  }

  /** The held items to send, ending the catch-up; undefined when it must read the database again first. */
  endCatchUp(): ActivityItem[] | undefined {
    if (this.readAgain) {
      this.readAgain = false;
      return undefined;
    }
    const held = this.held ?? [];
    this.held = undefined;
    return this.replayed(held);
  }

  private advance(item: ActivityItem): ActivityItem | undefined {
    if (item.position <= this.last) return undefined;
    this.last = item.position;
    return item;
  }
}
