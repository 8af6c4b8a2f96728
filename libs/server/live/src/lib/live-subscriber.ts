import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LiveSubscribeAck } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { ACTIVITY_FEED_PROJECTION, readCheckpoint, STATS_PROJECTION } from '@trailmark/projections';
import type { Pool } from 'pg';
import { FeedCursor } from './feed-cursor';
import { LiveAccess } from './live-access';
import type { ResolvedChannel } from './live-channel';
import { channelRowsAfter, latestChannelPosition } from './live-feed.reader';
import { LiveHub } from './live-hub';
import { LIVE_SETTINGS } from './live-options';
import type { LiveSettings } from './live-settings';
import type { LiveNamespace, LiveSocket } from './live-socket';
import { parseSubscribe, parseUnsubscribe } from './live-subscribe.schema';
import { FeedSubscription, type LiveSubscription, StatsSubscription } from './live-subscriptions';

/** Live items held per subscription while it catches up; beyond that it reads the database again instead. */
const MAX_HELD = 10_000;

const UNAVAILABLE: LiveSubscribeAck = { ok: false, status: 503, message: 'The live channel cannot read the activity feed right now; try again' };

type Ack<T> = ((result: T) => void) | undefined;

/** Subscribes and unsubscribes sockets: validation, authorisation, then catch-up and live delivery through the hub. */
@Injectable()
export class LiveSubscriber {
  private readonly logger = new Logger('Live');
  private checking = false;

  constructor(
    private readonly access: LiveAccess,
    private readonly hub: LiveHub,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
  ) {}

  async subscribe(socket: LiveSocket, payload: unknown, ack: Ack<LiveSubscribeAck>): Promise<void> {
    const reply = ack ?? (() => undefined);
    const parsed = parseSubscribe(payload);
    if (!parsed.ok) return reply(parsed.ack);
    try {
      const allowed = await this.access.authorize(socket.data.identity, parsed.request.channel);
      if (!allowed.ok) {
        reply(allowed);
        if (allowed.status === 401) socket.disconnect(true);
        return;
      }
      const subscription = await this.open(socket, allowed.channel, parsed.request.after);
      if (socket.disconnected) return;
      this.hub.add(subscription);
      const caughtUp = subscription.catchUp();
      reply({ ok: true, channelKey: allowed.channel.key });
      await caughtUp;
      if (socket.connected && this.hub.subscriptionsOf(socket).includes(subscription)) {
        socket.emit('live:caught-up', { channelKey: allowed.channel.key, position: subscription.position });
      }
    } catch (error) {
      this.logger.warn(`A subscribe failed: ${(error as Error).message}`);
      reply(UNAVAILABLE);
    }
  }

  unsubscribe(socket: LiveSocket, payload: unknown, ack: Ack<{ ok: boolean }>): void {
    const parsed = parseUnsubscribe(payload);
    ack?.({ ok: parsed.ok && this.hub.remove(socket, parsed.request.channelKey) });
  }

  disconnected(socket: LiveSocket): void {
    this.hub.removeSocket(socket);
  }

  /** Disconnects every socket whose session ended or whose member may no longer follow one of its channels. */
  async recheck(namespace: LiveNamespace): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const socket of [...namespace.sockets.values()]) {
        const channels = this.hub.subscriptionsOf(socket).map((subscription) => subscription.channel);
        const allowed = await this.access.stillAllowed(socket.data.identity, channels).catch(() => true);
        if (!allowed) socket.disconnect(true);
      }
    } finally {
      this.checking = false;
    }
  }

  /** Without `after` a channel starts from what the projection has committed now. */
  private async open(socket: LiveSocket, channel: ResolvedChannel, after: string | undefined): Promise<LiveSubscription> {
    if (channel.kind === 'stats') {
      const statsAt = (await readCheckpoint(this.pool, STATS_PROJECTION)) ?? null;
      const latestAfter = async () => (after === undefined ? undefined : latestChannelPosition(this.pool, channel.filter, after));
      return new StatsSubscription(socket, channel, this.hub.ticks, latestAfter, statsAt);
    }
    const from = after ?? (await readCheckpoint(this.pool, ACTIVITY_FEED_PROJECTION)) ?? '';
    return new FeedSubscription(socket, channel, new FeedCursor(from, MAX_HELD), {
      read: (filter, position, limit) => channelRowsAfter(this.pool, filter, position, limit),
      maxBufferedBytes: this.settings.maxBufferedBytes,
    });
  }
}
