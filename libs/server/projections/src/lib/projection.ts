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
  apply(client: PoolClient, events: RecordedEvent[]): Promise<void>;
}
