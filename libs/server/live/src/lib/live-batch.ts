import type { ActivityItem } from '@trailmark/contracts';

/** Server-side event on the `/live` namespace that carries batches from the publisher to every api node. */
export const LIVE_BATCH_EVENT = 'live:batch';

export interface LiveBatchItem {
  workspaceId: string;
  item: ActivityItem;
}

/**
 * Feed rows the projection has committed, in position order, from the one
 * active publisher. Batches form a chain: each names the `last` of the one
 * before as `prev`, so a node that sees a different `prev` (a batch lost while
 * Redis was away, a publisher that restarted with `prev: null`) knows it
 * missed something and catches its subscriptions up from the database.
 * A batch with no items is a heartbeat.
 */
export interface LiveBatch {
  prev: string | null;
  /** The last item's position, or `prev`'s when there are none (the feed checkpoint on a chain's first batch, '' before any). */
  last: string;
  items: LiveBatchItem[];
  /** The stats projection's checkpoint: stats ticks wait until it has counted their position. */
  statsAt: string | null;
}

/** Where batches go: straight to this node's hub, or through Redis to every node's. */
export type LiveBatchSink = (batch: LiveBatch) => Promise<void> | void;
