import type { DomainEvent } from '../decider';
import type { FieldChange, JsonValue } from './host-values';

export interface ActivityTarget {
  recordType: string;
  recordId: string;
  name?: string;
}

/** A host action Trailmark has no specific event for, kept as the host reported it. */
export type ActivityRecorded = DomainEvent<
  'ActivityRecorded',
  { action: string; target?: ActivityTarget; changes?: FieldChange[]; details?: Record<string, JsonValue> }
>;

export type ActivityEvent = ActivityRecorded;

export const activityEventTypes: readonly ActivityEvent['type'][] = ['ActivityRecorded'];
