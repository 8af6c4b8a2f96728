import { describeEvent } from '@trailmark/contracts';
import { STREAMING_DELIVERY_EVENT_TYPES, type StreamingFilter } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';

/**
 * Whether a destination of `workspaceId` receives `event`: the workspace's
 * own events, never the streaming feature's delivery records (each delivery
 * would otherwise make an event to deliver), and, when the destination lists
 * categories or event types, only events of one of them.
 */
export function destinationWants(workspaceId: string, { categories, eventTypes }: StreamingFilter): (event: RecordedEvent) => boolean {
  const unfiltered = categories.length === 0 && eventTypes.length === 0;
  return (event) => {
    if (event.metadata['workspaceId'] !== workspaceId || STREAMING_DELIVERY_EVENT_TYPES.includes(event.type)) return false;
    return unfiltered || eventTypes.includes(event.type) || categories.includes(describeEvent(event.type, event.data as { action?: unknown }).category);
  };
}
