import type { ActivityItem, LiveChannel, LiveSubscribeAck } from '@trailmark/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { connectLive, type LiveSocket } from '../live/live-client';

export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveHandlers {
  item?: (item: ActivityItem) => void;
  tick?: () => void;
  /** The greatest position the page already holds (from its own load), so a resubscription resumes after it. */
  position?: () => string | undefined;
}

interface Following {
  channel: LiveChannel;
  handlers: LiveHandlers;
  /** The server's key for the current connection's subscription. */
  key: string | null;
  /** The last position seen, sent on resubscribe so nothing is missed across a reconnect. */
  after?: string;
  refused?: string;
}

/** Positions are fixed-width and sort as text. */
const latest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b);

/**
 * The Socket.IO connection to `/live` and what the open page follows. Every
 * (re)connect subscribes each channel again from the last position seen.
 */
export const useLiveStore = defineStore('live', () => {
  const started = ref(false);
  const connected = ref(false);
  const everConnected = ref(false);
  const refusal = ref<string | null>(null);
  const following = new Map<number, Following>();
  let socket: LiveSocket | null = null;
  let nextId = 1;

  const status = computed<LiveStatus>(() => {
    if (!started.value) return 'off';
    if (refusal.value) return 'refused';
    if (connected.value) return 'live';
    return everConnected.value ? 'reconnecting' : 'connecting';
  });

  const byKey = (key: string) => [...following.values()].find((entry) => entry.key === key);

  function subscribe(entry: Following): void {
    entry.key = null;
    entry.after = latest(entry.after, entry.handlers.position?.());
    socket?.emit('subscribe', { channel: entry.channel, after: entry.after }, (ack: LiveSubscribeAck) => {
      if (ack.ok) {
        entry.key = ack.channelKey;
        entry.refused = undefined;
      } else {
        entry.refused = ack.message;
      }
      refusal.value = [...following.values()].find((other) => other.refused)?.refused ?? null;
    });
  }

  function connect(factory: () => LiveSocket = connectLive): void {
    if (socket) return;
    socket = factory();
    started.value = true;
    const current = socket;
    socket.on('connect', () => {
      connected.value = true;
      everConnected.value = true;
      following.forEach(subscribe);
    });
    // A refusal by the server's handshake check is final for socket.io-client: it does not retry.
    socket.on('connect_error', (error) => {
      if (!current.active) refusal.value = `The live channel refused the connection: ${error.message}`;
    });
    socket.on('disconnect', () => {
      connected.value = false;
      following.forEach((entry) => (entry.key = null));
    });
    socket.on('feed:items', ({ channelKey, items }) => {
      const entry = byKey(channelKey);
      if (!entry) return;
      for (const item of items) {
        entry.after = latest(entry.after, item.position);
        entry.handlers.item?.(item);
      }
    });
    socket.on('stats:tick', ({ channelKey, position }) => {
      const entry = byKey(channelKey);
      if (!entry) return;
      entry.after = latest(entry.after, position);
      entry.handlers.tick?.();
    });
    socket.on('live:caught-up', ({ channelKey, position }) => {
      const entry = byKey(channelKey);
      if (entry && position) entry.after = latest(entry.after, position);
    });
  }

  /** Follows a channel until the returned function is called. */
  function follow(channel: LiveChannel, handlers: LiveHandlers): () => void {
    const id = nextId++;
    const entry: Following = { channel, handlers, key: null };
    following.set(id, entry);
    if (socket?.connected) subscribe(entry);
    return () => {
      following.delete(id);
      if (entry.key && socket?.connected) socket.emit('unsubscribe', { channelKey: entry.key }, () => undefined);
      if (entry.refused) refusal.value = [...following.values()].find((other) => other.refused)?.refused ?? null;
    };
  }

  function disconnect(): void {
    socket?.disconnect();
    socket = null;
    started.value = false;
    following.clear();
    connected.value = false;
    everConnected.value = false;
    refusal.value = null;
  }

  return { status, refusal, connect, follow, disconnect };
});
