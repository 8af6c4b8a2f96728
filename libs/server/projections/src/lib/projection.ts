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
   * How long a batch may wait for more events after its first (5 ms unless
   * set). Read models nobody waits on live (counters, per-user summaries)
   * take longer, so a steady stream reaches them in fewer, larger
   * transactions and leaves the CPU to the feed that live clients follow.
   */
  lingerMs?: number;
  apply(client: PoolClient, events: RecordedEvent[]): Promise<void>;
}

/** For `Projection.lingerMs`: read models that no live client or command waits on. */
export const BACKGROUND_LINGER_MS = 100;
