import type { AllSubscription, EventStore } from '@trailmark/event-store';
import { batchesOf } from '@trailmark/projections';
import type { Pool } from 'pg';
import { abortableSleep } from './abortable-sleep';
import { destinationStreamPrefix } from './destination-streams';
import { applyLifecycleEvent, configOf, type DestinationView, LIFECYCLE_EVENT_TYPES } from './destination-views';
import { runDestinationWorker, type RunningWorker, type WorkerOptions } from './destination-worker';

export interface RunningStreaming {
  /** Destinations this process runs a worker for (delivering or standing by). */
  destinations(): string[];
  stop(): Promise<void>;
}

/**
 * Keeps one worker per active destination of every workspace, following the
 * destinations' own events (catch-up, then live): a pause or delete stops
 * the worker, a resume starts it again from its checkpoint, and a changed
 * URL, filter or batch size restarts it. Run in every process that runs the
 * projections; the workers' advisory locks keep one delivering per destination.
 */
export function runStreaming(store: EventStore, pool: Pool, options: WorkerOptions = {}): RunningStreaming {
  const workers = new Map<string, { worker: RunningWorker; key: string }>();
  const stopping = new AbortController();
  let subscription: AllSubscription | undefined;

  async function reconcile(views: Map<string, DestinationView>): Promise<void> {
    for (const [destinationId, { worker, key }] of workers) {
      const view = views.get(destinationId);
      if (view?.status === 'active' && JSON.stringify(configOf(view)) === key) continue;
      workers.delete(destinationId);
      await worker.stop();
    }
    for (const view of views.values()) {
      if (view.status !== 'active' || workers.has(view.destinationId)) continue;
      const config = configOf(view);
      workers.set(view.destinationId, { worker: runDestinationWorker(store, pool, config, options), key: JSON.stringify(config) });
    }
  }

  async function follow(): Promise<void> {
    const views = new Map<string, DestinationView>();
    subscription = store.subscribeToAll({ filter: { streamPrefixes: [destinationStreamPrefix()], eventTypes: LIFECYCLE_EVENT_TYPES } });
    if (stopping.signal.aborted) await subscription.close();
    for await (const batch of batchesOf(subscription, 500, 20)) {
      batch.forEach((event) => applyLifecycleEvent(views, event));
      await reconcile(views);
    }
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      // After a failure the destinations are read again from the start; running workers whose settings did not change keep running.
      await follow().catch((error: unknown) => options.logger?.error({ err: error }, 'Streaming lost track of its destinations; reading them again'));
      await abortableSleep(options.retryMs ?? 1000, stopping.signal);
    }
  })();

  return {
    destinations: () => [...workers.keys()],
    async stop() {
      stopping.abort();
      await subscription?.close();
      await loop;
      await Promise.all([...workers.values()].map(({ worker }) => worker.stop()));
      workers.clear();
    },
  };
}
