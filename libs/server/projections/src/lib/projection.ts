import type { AllFilter, RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';

/** A read model: what it listens to and how it applies a batch inside the runner's transaction. */
export interface Projection {
  name: string;
  filter?: AllFilter;
  /**
   * Every table the projection writes, unqualified names in `public`: a
   * rebuild replays into copies of them and swaps them in. Required to rebuild.
   */
  tables?: readonly string[];
  /**
   * The least time between two reads of new events (none unless set). Read
   * models nobody waits on live (counters, per-user summaries, alerts) take
   * BACKGROUND_READ_INTERVAL_MS: a steady stream then reaches them in one
   * read and one transaction per interval instead of one per append, which
   * leaves the CPU to the feed that live clients follow.
   */
  readIntervalMs?: number;
  apply(client: PoolClient, events: RecordedEvent[]): Promise<void>;
}

/** For `Projection.readIntervalMs`: read models that no live client or command waits on. */
export const BACKGROUND_READ_INTERVAL_MS = 200;
