import type { ActivityItem, LiveChannel, LiveClientEvents, LiveServerEvents, LiveStatsTick, LiveSubscribeAck } from '@trailmark/contracts';
import { LIVE_NAMESPACE } from '@trailmark/contracts';
import { io, type Socket } from 'socket.io-client';

export interface LiveClientOptions {
  /** Session token sent as the handshake's auth.token. */
  token?: string;
  headers?: Record<string, string>;
  /** Reconnect after a dropped connection, resubscribing from the last position held (the dashboard's behaviour). */
  resume?: boolean;
}

/** A real socket.io-client on `/live` that records what it receives, per channel, in arrival order. */
export interface LiveClient {
  socket: Socket<LiveServerEvents, LiveClientEvents>;
  items(channelKey: string): ActivityItem[];
  ticks: LiveStatsTick[];
  caughtUp: Array<{ channelKey: string; position: string | null }>;
  /** Times the socket connected, the first included. */
  connects: number;
  connected(): Promise<void>;
  subscribe(channel: LiveChannel, after?: string): Promise<LiveSubscribeAck>;
  /** Polls until `check` holds; fails after `timeoutMs` with `what`. */
  until(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function connectLive(baseUrl: string, options: LiveClientOptions = {}): LiveClient {
  const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    auth: options.token ? { token: options.token } : {},
    extraHeaders: options.headers,
    reconnection: options.resume ?? false,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const received = new Map<string, ActivityItem[]>();
  const channels = new Map<string, LiveChannel>();
  /** Per channel, what to resume from: the greatest position held (an item's, a caught-up's, or the first `after`). */
  const positions = new Map<string, string>();
  const hold = (channelKey: string, position: string | null | undefined) => {
    if (position && position > (positions.get(channelKey) ?? '')) positions.set(channelKey, position);
  };
  const client: LiveClient = {
    socket,
    items: (channelKey) => received.get(channelKey) ?? [],
    ticks: [],
    caughtUp: [],
    connects: 0,
    connected: () =>
      socket.connected
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          }),
    async subscribe(channel, after) {
      const ack = await socket.timeout(10_000).emitWithAck('subscribe', after === undefined ? { channel } : { channel, after });
      if (ack.ok) {
        channels.set(ack.channelKey, channel);
        hold(ack.channelKey, after);
      }
      return ack;
    },
    async until(what, check, timeoutMs = 15_000) {
      for (const deadline = Date.now() + timeoutMs; !check(); await new Promise((resolve) => setTimeout(resolve, 25))) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      }
    },
    close: () => socket.close(),
  };
  socket.on('connect', () => {
    client.connects += 1;
    if (client.connects === 1) return;
    // A resubscribe cut short by another drop is made again on the next connect.
    for (const [channelKey, channel] of channels) client.subscribe(channel, positions.get(channelKey)).catch(() => undefined);
  });
  socket.on('feed:items', ({ channelKey, items }) => {
    for (const item of items) {
      received.set(channelKey, received.get(channelKey) ?? []).get(channelKey)?.push(item);
      hold(channelKey, item.position);
    }
  });
  socket.on('stats:tick', (tick) => client.ticks.push(tick));
  socket.on('live:caught-up', (message) => {
    client.caughtUp.push(message);
    hold(message.channelKey, message.position);
  });
  return client;
}
