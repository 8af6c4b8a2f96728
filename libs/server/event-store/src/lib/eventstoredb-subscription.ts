import type { AllStreamSubscription } from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent } from './event-store.port';
import { toRecordedEvent, toStoreError } from './eventstoredb-mappers';

/**
 * Wraps an ESDB `$all` subscription as the port's `AllSubscription`, keeping
 * only the events `keep` accepts. Closing (or leaving a `for await` early)
 * cancels the gRPC call.
 */
export function toAllSubscription(subscription: AllStreamSubscription, keep: (event: RecordedEvent) => boolean): AllSubscription {
  let closed = false;
  // An error reaches the iteration below; this listener keeps one that arrives
  // while nobody iterates (before the first pull, after close) from crashing the process.
  subscription.on('error', () => undefined);

  const close = async (): Promise<void> => {
    if (closed) {
      return;
    }
    closed = true;
    // The gRPC call may already have failed; destroying the stream is what ends the iteration.
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  };

  async function* events(): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of subscription) {
        if (!resolved.event) {
          continue;
        }
        const event = toRecordedEvent(resolved.event);
        if (keep(event)) {
          yield event;
        }
      }
    } catch (error) {
      if (!closed) {
        throw toStoreError(error);
      }
    } finally {
      await close();
    }
  }

  return { [Symbol.asyncIterator]: events, close };
}
