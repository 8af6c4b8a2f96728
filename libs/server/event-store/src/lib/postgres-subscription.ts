import type { AllFilter, AllSubscription, RecordedEvent, SubscribeToAllOptions } from './event-store.port';
import type { Position } from './position';
import type { NotificationWaiter } from './postgres-notifier';
import type { AllPage } from './postgres-read';

type ReadPage = (after: Position, maxCount: number, filter?: AllFilter) => Promise<AllPage>;

interface PageRead {
  from: Position;
  seen: number;
  startedAt: number;
  page: Promise<AllPage>;
}

/**
 * Catch-up then live: reads pages from the checkpoint until a page comes back
 * short, then waits for a notification (or the poll interval) and reads again.
 * While catching up, the page after a full one is read while the consumer
 * works through it, so reading and applying overlap. Pulled by `for await`,
 * so a slow consumer slows only its own reads, by at most one page ahead.
 * With `minReadIntervalMs`, a read after a short page starts no sooner than
 * that after the one before it.
 */
export function pollingSubscription(
  readPage: ReadPage,
  waiter: NotificationWaiter,
  { after, filter, batchSize = 1000, minReadIntervalMs = 0 }: SubscribeToAllOptions & { after: Position },
  pollIntervalMs: number,
): AllSubscription {
  let closed = false;
  let endPause: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      endPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** A read started now, with the notification version it began at; its failure surfaces when it is awaited. */
  function read(from: Position): PageRead {
    const seen = waiter.version();
    const startedAt = Date.now();
    const page = readPage(from, batchSize, filter);
    page.catch(() => undefined);
    return { from, seen, startedAt, page };
  }

  async function* events(): AsyncGenerator<RecordedEvent> {
    let next = read(after);
    let retryMs = 0;
    try {
      while (!closed) {
        const { from, seen, startedAt } = next;
        const page = await next.page;
        const full = page.events.length === batchSize;
        if (full) next = read(page.scannedTo);
        for (const event of page.events) {
          yield event;
          if (closed) return;
        }
        if (full) continue;
        // Progress is any row looked at, matched by the filter or not.
        if (page.events.length > 0 || page.scannedTo !== from) retryMs = 0;
        // A notification that brought nothing visible means an older transaction is
        // still open; look again soon instead of waiting for the next notification.
        retryMs = waiter.version() !== seen || retryMs > 0 ? Math.min(Math.max(retryMs * 2, 10), pollIntervalMs) : 0;
        await waiter.wait(seen, retryMs || pollIntervalMs);
        const early = startedAt + minReadIntervalMs - Date.now();
        if (early > 0 && !closed) await pause(early);
        if (!closed) next = read(page.scannedTo);
      }
    } finally {
      waiter.dispose();
      // A read ahead still running when the consumer stops is waited for, not left to finish on a pool being closed.
      await next.page.catch(() => undefined);
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      waiter.interrupt();
      endPause?.();
      await iterator.return(undefined);
    },
  };
}
