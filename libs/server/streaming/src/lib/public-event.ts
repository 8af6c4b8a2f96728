import { describeEvent } from '@trailmark/contracts';
import type { RecordedEvent } from '@trailmark/event-store';

/** One event as a destination receives it. */
export interface PublicEvent {
  id: string;
  type: string;
  category: string;
  label: string;
  stream: string;
  revision: number;
  position: string;
  occurredAt: string | null;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export function toPublicEvent(event: RecordedEvent): PublicEvent {
  const { category, label } = describeEvent(event.type, event.data as { action?: unknown });
  const occurredAt = event.metadata['occurredAt'];
  return {
    id: event.id,
    type: event.type,
    category,
    label,
    stream: event.streamName,
    revision: event.revision,
    position: event.position,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : null,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}
