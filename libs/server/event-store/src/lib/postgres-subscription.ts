import type { AllFilter, AllSubscription, RecordedEvent, SubscribeToAllOptions } from './event-store.port';
import type { Position } from './position';
import type { NotificationWaiter } from './postgres-notifier';
import type { AllPage } from './postgres-read';

type ReadPage = (after: Position, maxCount: number, filter?: AllFilter) => Promise<AllPage>;

/**
 * Catch-up then live: reads pages from the checkpoint until a page comes back
 * short, then waits for a notification (or the poll interval) and reads again.
 * Pulled by `for await`, so a slow consumer slows only its own reads.
 */
export function pollingSubscription(
  readPage: ReadPage,
  waiter: NotificationWaiter,
  { after, filter, batchSize = 1000 }: SubscribeToAllOptions & { after: Position },
  pollIntervalMs: number,
): AllSubscription {
  let closed = false;

  async function* events(): AsyncGenerator<RecordedEvent> {
    let checkpoint = after;
    let retryMs = 0;
    try {
      while (!closed) {
        const seen = waiter.version();
        const page = await readPage(checkpoint, batchSize, filter);
        for (const event of page.events) {
          yield event;
          if (closed) return;
        }
        checkpoint = page.scannedTo;
        if (page.events.length === batchSize) continue;
        if (page.events.length > 0) retryMs = 0;
        // A notification that brought nothing visible means an older transaction is
        // still open; look again soon instead of waiting for the next notification.
        retryMs = waiter.version() !== seen || retryMs > 0 ? Math.min(Math.max(retryMs * 2, 10), pollIntervalMs) : 0;
        await waiter.wait(seen, retryMs || pollIntervalMs);
      }
    } finally {
      waiter.dispose();
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      waiter.interrupt();
      await iterator.return(undefined);
    },
  };
}
