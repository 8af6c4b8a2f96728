import type { AllFilter, RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';

/** A read model: what it listens to and how it applies a batch inside the runner's transaction. */
export interface Projection {
  name: string;
  filter?: AllFilter;
  apply(client: PoolClient, events: RecordedEvent[]): Promise<void>;
}
