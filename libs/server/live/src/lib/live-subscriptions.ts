import type { ActivityItem } from '@trailmark/contracts';
import type { FeedCursor } from './feed-cursor';
import { type FeedFilter, matchesFilter, type ResolvedChannel } from './live-channel';
import type { LiveSocket } from './live-socket';
import { cutOff, drained } from './socket-buffer';
import type { StatsTicks, TickTarget } from './stats-ticks';

/** One channel one socket follows. */
export interface LiveSubscription {
  readonly socket: LiveSocket;
  readonly channel: ResolvedChannel;
  /** A live item of `workspaceId`, in position order; true when the hub is to send it to the socket now. */
  offer(workspaceId: string, item: ActivityItem): boolean;
  /** Items up to `position` may have been lost on the way to this node. */
  missedUpTo(position: string): void;
  /** Sends what the client missed since its position; resolves once what follows is live. */
  catchUp(): Promise<void>;
  /** For `live:caught-up`. */
  readonly position: string | null;
  close(): void;
}

export interface FeedSubscriptionDeps {
  read(filter: FeedFilter, after: string, limit: number): Promise<ActivityItem[]>;
  /** A catch-up sends only while the socket's queue is under half of this. */
  maxBufferedBytes: number;
}

const PAGE = 200;

/** A feed channel: the catch-up from the database, then live items, each once and in position order. */
export class FeedSubscription implements LiveSubscription {
  private catchingUp = false;
  private closed = false;

  constructor(
    readonly socket: LiveSocket,
    readonly channel: ResolvedChannel,
    private readonly cursor: FeedCursor,
    private readonly deps: FeedSubscriptionDeps,
  ) {}

  get position(): string | null {
    return this.cursor.position || null;
  }

  offer(workspaceId: string, item: ActivityItem): boolean {
    return matchesFilter(this.channel.filter, workspaceId, item) && !this.closed && this.cursor.live(item) !== undefined;
  }

  missedUpTo(): void {
    void this.catchUp();
  }

  async catchUp(): Promise<void> {
    if (this.catchingUp) return this.cursor.missedSome();
    this.catchingUp = true;
    this.cursor.startCatchUp();
    try {
      for (let held: ActivityItem[] | undefined; !held; ) {
        await this.replay();
        if (this.closed) return;
        held = this.cursor.endCatchUp();
        if (held) this.send(held);
      }
    } catch {
      // The database is out of reach: the client reconnects and resumes from its last position.
      cutOff(this.socket);
    } finally {
      this.catchingUp = false;
    }
  }

  close(): void {
    this.closed = true;
  }

  /** Pages of the channel after the cursor, sent at the pace the client reads them. */
  private async replay(): Promise<void> {
    for (let count = PAGE; count === PAGE && !this.closed; ) {
      const items = await this.deps.read(this.channel.filter, this.cursor.position, PAGE);
      count = items.length;
      await drained(this.socket, this.deps.maxBufferedBytes / 2);
      this.send(this.cursor.replayed(items));
    }
  }

  private send(items: ActivityItem[]): void {
    if (this.closed || items.length === 0) return;
    this.socket.emit('feed:items', { channelKey: this.channel.key, items });
  }
}

/** A stats channel: coalesced ticks once the stats projection has counted what changed. */
export class StatsSubscription implements LiveSubscription, TickTarget {
  constructor(
    readonly socket: LiveSocket,
    readonly channel: ResolvedChannel,
    private readonly ticks: StatsTicks,
    private readonly latestAfter: () => Promise<string | undefined>,
    readonly position: string | null,
  ) {}

  offer(workspaceId: string, item: ActivityItem): boolean {
    if (matchesFilter(this.channel.filter, workspaceId, item)) this.ticks.mark(this, item.position);
    return false;
  }

  missedUpTo(position: string): void {
    this.ticks.mark(this, position);
  }

  /** One tick when the channel changed after the client's position. */
  async catchUp(): Promise<void> {
    const latest = await this.latestAfter();
    if (latest !== undefined) this.ticks.mark(this, latest);
  }

  tick(position: string): void {
    this.socket.emit('stats:tick', { channelKey: this.channel.key, workspaceId: this.channel.filter.workspaceId, position });
  }

  close(): void {
    this.ticks.forget(this);
  }
}
