import type { Pool, PoolClient } from 'pg';

/** NOTIFY channel on which every append announces new events. */
export const EVENTS_CHANNEL = 'trailmark_events';

export interface NotificationWaiter {
  /** Increases with every notification; compare before and after a read. */
  version(): number;
  /** Resolves on a notification newer than `seen`, on `interrupt()`, or after `timeoutMs`. */
  wait(seen: number, timeoutMs: number): Promise<void>;
  interrupt(): void;
  dispose(): void;
}

/**
 * One LISTEN connection per store, shared by all its subscriptions. It is
 * opened on first use and re-opened after a connection error; subscriptions
 * keep polling meanwhile, so a lost notification only delays delivery.
 */
export function createPostgresNotifier(pool: Pool, channel: string) {
  let version = 0;
  let client: PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  const wakers = new Set<() => void>();

  const notifyAll = () => {
    version += 1;
    for (const wake of [...wakers]) wake();
  };

  function ensureListening(): void {
    if (closed || client || connecting) return;
    connecting = listen()
      .catch(() => {
        setTimeout(ensureListening, 1000).unref();
      })
      .finally(() => (connecting = undefined));
  }

  async function listen(): Promise<void> {
    const listener = await pool.connect();
    listener.on('notification', (message) => message.channel === channel && notifyAll());
    listener.on('error', () => {
      // After close() or a previous error the client is no longer ours to release.
      if (client !== listener) return;
      client = undefined;
      listener.release(true);
      ensureListening();
    });
    try {
      await listener.query(`LISTEN ${channel}`);
    } catch (error) {
      listener.release(true);
      throw error;
    }
    if (closed) {
      listener.release(true);
      return;
    }
    client = listener;
    notifyAll();
  }

  return {
    waiter(): NotificationWaiter {
      ensureListening();
      let wakeThis: (() => void) | undefined;
      return {
        version: () => version,
        wait(seen, timeoutMs) {
          if (version !== seen) return Promise.resolve();
          return new Promise<void>((resolve) => {
            const timer = setTimeout(done, timeoutMs);
            function done() {
              clearTimeout(timer);
              wakers.delete(done);
              wakeThis = undefined;
              resolve();
            }
            wakeThis = done;
            wakers.add(done);
          });
        },
        interrupt: () => wakeThis?.(),
        dispose: () => wakeThis && wakers.delete(wakeThis),
      };
    },
    async close(): Promise<void> {
      closed = true;
      await connecting;
      for (const wake of [...wakers]) wake();
      const listener = client;
      client = undefined;
      listener?.release(true);
    },
  };
}
