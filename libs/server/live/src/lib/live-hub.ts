import type { LiveBatch } from './live-batch';
import type { ActivityItem } from '@trailmark/contracts';
import type { LiveNamespace, LiveSocket } from './live-socket';
import type { LiveSubscription } from './live-subscriptions';
import { bufferedBytes, cutOff } from './socket-buffer';
import { StatsTicks } from './stats-ticks';

/**
 * This node's subscriptions, and the batches that reach them. Delivery never
 * waits for a client: each send only queues on its socket. A socket that still
 * holds more than `maxBufferedBytes` from earlier batches when the next one
 * comes is cut off (one burst alone never is); its client resumes from its
 * last position. A batch that does not follow the one before (see `LiveBatch`)
 * means this node missed some: every subscription then catches up from its
 * own position.
 */
export class LiveHub {
  readonly ticks = new StatsTicks();
  private readonly bySocket = new Map<string, Map<string, LiveSubscription>>();
  private readonly byWorkspace = new Map<string, Set<LiveSubscription>>();
  private chain: string | undefined;
  private namespace?: LiveNamespace;

  constructor(private readonly maxBufferedBytes: number) {}

  /** The namespace whose sockets this hub serves, to encode an item once for all its sockets on one channel. */
  attach(namespace: LiveNamespace): void {
    this.namespace = namespace;
  }

  receive(batch: LiveBatch): void {
    const missed = batch.prev === null || batch.prev !== this.chain;
    this.chain = batch.last;
    if (missed) this.all().forEach((subscription) => subscription.missedUpTo(batch.last));
    this.ticks.counted(batch.statsAt);
    const checked = new Map<LiveSocket, boolean>();
    const accepted = new Map<LiveSubscription, ActivityItem[]>();
    for (const { workspaceId, item } of batch.items) {
      this.byWorkspace.get(workspaceId)?.forEach((subscription) => {
        if (!this.keepsUp(subscription.socket, checked) || !subscription.offer(workspaceId, item)) return;
        const items = accepted.get(subscription);
        if (items) items.push(item);
        else accepted.set(subscription, [item]);
      });
    }
    this.sendAll(accepted);
  }

  /**
   * One message per subscription with everything it accepted from the batch.
   * Subscriptions of one channel that accepted the same items (all those that
   * are live, usually) share one message, encoded once and written to each of
   * their sockets.
   */
  private sendAll(accepted: Map<LiveSubscription, ActivityItem[]>): void {
    const audiences = new Map<string, { channelKey: string; items: ActivityItem[]; sockets: LiveSocket[] }>();
    accepted.forEach((items, { channel, socket }) => {
      const same = `${channel.key}\u0000${items[0].position}\u0000${items.length}`;
      const audience = audiences.get(same);
      if (audience) audience.sockets.push(socket);
      else audiences.set(same, { channelKey: channel.key, items, sockets: [socket] });
    });
    audiences.forEach(({ channelKey, items, sockets }) => {
      if (sockets.length === 1 || !this.namespace) sockets.forEach((socket) => socket.emit('feed:items', { channelKey, items }));
      else this.namespace.local.to(sockets.map((socket) => socket.id)).emit('feed:items', { channelKey, items });
    });
  }

  /** Checked once per socket and batch, before it sends anything of the batch. */
  private keepsUp(socket: LiveSocket, checked: Map<LiveSocket, boolean>): boolean {
    let keepsUp = checked.get(socket);
    if (keepsUp === undefined) {
      keepsUp = bufferedBytes(socket) <= this.maxBufferedBytes;
      if (!keepsUp) cutOff(socket);
      checked.set(socket, keepsUp);
    }
    return keepsUp;
  }

  /** Adds a subscription, replacing the socket's earlier one of the same channel. */
  add(subscription: LiveSubscription): void {
    const { socket, channel } = subscription;
    this.remove(socket, channel.key);
    const ofSocket = this.bySocket.get(socket.id) ?? new Map<string, LiveSubscription>();
    this.bySocket.set(socket.id, ofSocket.set(channel.key, subscription));
    const { workspaceId } = channel.filter;
    this.byWorkspace.set(workspaceId, (this.byWorkspace.get(workspaceId) ?? new Set()).add(subscription));
  }

  /** False when the socket had no such channel. */
  remove(socket: LiveSocket, channelKey: string): boolean {
    const subscription = this.bySocket.get(socket.id)?.get(channelKey);
    if (!subscription) return false;
    subscription.close();
    this.bySocket.get(socket.id)?.delete(channelKey);
    const ofWorkspace = this.byWorkspace.get(subscription.channel.filter.workspaceId);
    ofWorkspace?.delete(subscription);
    if (ofWorkspace?.size === 0) this.byWorkspace.delete(subscription.channel.filter.workspaceId);
    return true;
  }

  removeSocket(socket: LiveSocket): void {
    for (const key of [...(this.bySocket.get(socket.id)?.keys() ?? [])]) this.remove(socket, key);
    this.bySocket.delete(socket.id);
  }

  subscriptionsOf(socket: LiveSocket): LiveSubscription[] {
    return [...(this.bySocket.get(socket.id)?.values() ?? [])];
  }

  private all(): LiveSubscription[] {
    return [...this.byWorkspace.values()].flatMap((subscriptions) => [...subscriptions]);
  }
}
