import { createPostgresEventStore } from '@trailmark/event-store';
import { activityFeedProjection, projectionLag } from '@trailmark/projections';
import type { Pool } from 'pg';

/**
 * Samples the activity-feed projection's lag (age of its oldest unapplied
 * event) every 250 ms: the part of the append → client latency spent before
 * the live channel may push anything.
 */
export function sampleFeedLag(pool: Pool): { stop(): Promise<number[]> } {
  const store = createPostgresEventStore(pool);
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push((await projectionLag(store, pool, activityFeedProjection)).lagMs);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await store.close();
      return samples;
    },
  };
}
