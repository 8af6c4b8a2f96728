import { type Decider, DomainError } from '../decider';
import type { ActivityCommand, RecordActivity } from './activity.commands';
import type { ActivityEvent, ActivityRecorded } from './activity.events';
import { type ActivityState, evolveActivity, initialActivityState } from './activity.state';
import { type FieldChange, optionalRecordRef, present, requireText } from './host-values';

export function recordActivity({ data }: RecordActivity): ActivityRecorded[] {
  const action = requireText(data.action, 'action_required', 'The host action');
  const ref = data.target && optionalRecordRef(data.target.recordType, data.target.recordId);
  const target = ref && { ...ref, ...present({ name: data.target?.name }) };
  const changes = data.changes?.map(({ field, from, to }): FieldChange => ({
    field: requireText(field, 'field_required', 'The name of a changed field'),
    from: from === undefined ? null : from,
    to,
  }));
  return [{ type: 'ActivityRecorded', data: { action, ...present({ target, changes, details: data.details }) } }];
}

export function decideActivity(command: ActivityCommand, _state: ActivityState): ActivityEvent[] {
  const { type } = command;
  switch (type) {
    case 'RecordActivity':
      return recordActivity(command);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const activityDecider: Decider<ActivityState, ActivityCommand, ActivityEvent> = {
  initialState: initialActivityState,
  evolve: evolveActivity,
  decide: decideActivity,
};
