import { type LiveChannel, type LiveClientEvents, LIVE_NAMESPACE, type LiveServerEvents } from '@trailmark/contracts';
import { io, type Socket } from 'socket.io-client';
import { Receipts } from './live-receipts';

/** One connected dashboard: what it follows and what it received. */
export interface Watcher {
  channel: LiveChannel;
  socket: Socket<LiveServerEvents, LiveClientEvents>;
  /** The position it subscribed from: it must receive every matching row after it. */
  from: string;
  /** The last position it holds, to resume from after a reconnect. */
  position: string;
  received: Receipts;
  outOfOrder: number;
  ticks: number;
  reconnects: number;
}

export interface WatcherSet {
  watchers: Watcher[];
  /** Append → client latency of every feed item recorded since `measureFrom`, in ms (the item's recordedAt to its arrival). */
  latencies: number[];
  /** Published → client latency, in ms, of those items whose publication time `publishedAt` knew on arrival. */
  afterPublish: number[];
  /** Append → client latency of the items recorded before `measureFrom`: the warm-up. */
  warmupLatencies: number[];
  /** Items recorded from this time on (ms since the epoch) are measured; those before it are the warm-up. */
  measureFrom(at: number): void;
  close(): void;
}

/**
 * Connects one socket.io-client per channel, a few at a time, each caught up
 * before returning. Each run of `perNode` channels goes to the next node, so
 * a mix repeated every `perNode` channels spreads evenly.
 */
export async function connectWatchers(
  nodes: readonly string[],
  token: string,
  channels: readonly LiveChannel[],
  publishedAt: ReadonlyMap<string, number>,
  perNode = 10,
): Promise<WatcherSet> {
  const timings: Timings = { latencies: [], afterPublish: [], warmupLatencies: [], publishedAt, measureFrom: Infinity };
  const watchers: Watcher[] = [];
  for (let start = 0; start < channels.length; start += 20) {
    const group = channels.slice(start, start + 20).map((channel, i) => watch(nodes[Math.floor((start + i) / perNode) % nodes.length], token, channel, timings));
    watchers.push(...(await Promise.all(group)));
  }
  return {
    watchers,
    latencies: timings.latencies,
    afterPublish: timings.afterPublish,
    warmupLatencies: timings.warmupLatencies,
    measureFrom: (at) => (timings.measureFrom = at),
    close: () => watchers.forEach((watcher) => watcher.socket.close()),
  };
}

interface Timings {
  latencies: number[];
  afterPublish: number[];
  warmupLatencies: number[];
  publishedAt: ReadonlyMap<string, number>;
  measureFrom: number;
}

async function watch(node: string, token: string, channel: LiveChannel, timings: Timings): Promise<Watcher> {
  const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${node}${LIVE_NAMESPACE}`, { transports: ['websocket'], auth: { token }, reconnectionDelay: 100 });
  const watcher: Watcher = { channel, socket, from: '', position: '', received: new Receipts(), outOfOrder: 0, ticks: 0, reconnects: 0 };
  socket.on('feed:items', ({ items }) => {
    const now = Date.now();
    for (const item of items) {
      const recordedAt = Date.parse(item.recordedAt);
      if (recordedAt < timings.measureFrom) {
        timings.warmupLatencies.push(now - recordedAt);
      } else {
        timings.latencies.push(now - recordedAt);
        const published = timings.publishedAt.get(item.eventId);
        if (published !== undefined) timings.afterPublish.push(now - published);
      }
      if (item.position <= watcher.position) watcher.outOfOrder += 1;
      watcher.position = item.position;
      watcher.received.add(item.eventId);
    }
  });
  socket.on('stats:tick', () => (watcher.ticks += 1));
  const caughtUp = new Promise<void>((resolve) =>
    socket.once('live:caught-up', ({ position }) => {
      watcher.from = watcher.position = position ?? '';
      resolve();
    }),
  );
  let connects = 0;
  socket.on('connect', () => {
    const after = watcher.position || undefined;
    if (connects++ > 0) watcher.reconnects += 1;
    socket.emit('subscribe', after === undefined ? { channel } : { channel, after }, (ack) => {
      if (!ack.ok) socket.close();
    });
  });
  await caughtUp;
  return watcher;
}
