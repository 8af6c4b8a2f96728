import type { StreamingFilter } from '@trailmark/domain';

/** What a worker needs to know of its destination. */
export interface DestinationConfig extends StreamingFilter {
  destinationId: string;
  workspaceId: string;
  url: string;
  batchSize: number;
}
