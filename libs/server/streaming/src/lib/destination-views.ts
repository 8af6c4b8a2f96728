import type { StreamingDestinationEvent, StreamingDestinationSettings } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import type { DestinationConfig } from './destination-config';

export interface DestinationView extends StreamingDestinationSettings {
  destinationId: string;
  workspaceId: string;
  status: 'active' | 'paused';
  createdAt: string;
}

/** The events that change what a destination is; its delivery records do not. */
export const LIFECYCLE_EVENT_TYPES = [
  'StreamingDestinationCreated',
  'StreamingDestinationUpdated',
  'StreamingDestinationPaused',
  'StreamingDestinationResumed',
  'StreamingDestinationDeleted',
];

/** Applies one lifecycle event to the live destinations (deleted ones leave the map). */
export function applyLifecycleEvent(views: Map<string, DestinationView>, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as StreamingDestinationEvent;
  const current = views.get(event.data.destinationId);
  switch (event.type) {
    case 'StreamingDestinationCreated':
      views.set(event.data.destinationId, { ...event.data, status: 'active', createdAt: recorded.recordedAt.toISOString() });
      return;
    case 'StreamingDestinationUpdated':
      if (current) views.set(current.destinationId, { ...current, ...event.data });
      return;
    case 'StreamingDestinationPaused':
    case 'StreamingDestinationResumed':
      if (current) views.set(current.destinationId, { ...current, status: event.type === 'StreamingDestinationPaused' ? 'paused' : 'active' });
      return;
    case 'StreamingDestinationDeleted':
      views.delete(event.data.destinationId);
      return;
    default:
      return;
  }
}

export function configOf({ destinationId, workspaceId, url, categories, eventTypes, batchSize }: DestinationView): DestinationConfig {
  return { destinationId, workspaceId, url, categories, eventTypes, batchSize };
}
