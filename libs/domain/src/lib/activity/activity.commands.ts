import type { Command } from '../decider';
import type { ActivityTarget } from './activity.events';
import type { FieldChangeClaim, JsonValue } from './host-values';

/** `action` is the host's own action string, kept verbatim. */
export type RecordActivity = Command<
  'RecordActivity',
  { action: string; target?: ActivityTarget; changes?: FieldChangeClaim[]; details?: Record<string, JsonValue> }
>;

export type ActivityCommand = RecordActivity;
