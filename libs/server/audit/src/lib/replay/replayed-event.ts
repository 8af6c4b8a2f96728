import { describeEvent } from '@trailmark/contracts';
import type { RecordedEvent } from '@trailmark/event-store';

/** An event as a replay shows it: where it sits, what the catalogue calls it, and all it carries. */
export interface ReplayedEvent {
  position: string;
  streamName: string;
  revision: number;
  id: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  recordedAt: string;
  data: unknown;
  /** Everything stored: actor, addresses, device, correlation, occurredAt as claimed, prevHash and hash. */
  metadata: Record<string, unknown>;
}

export function replayedEvent(event: RecordedEvent): ReplayedEvent {
  const { category, kind, label } = describeEvent(event.type, event.data as { action?: unknown });
  return {
    position: event.position,
    streamName: event.streamName,
    revision: event.revision,
    id: event.id,
    type: event.type,
    category,
    kind,
    label,
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}
