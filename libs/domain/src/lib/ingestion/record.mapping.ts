import { parseRecordEventType, type RecordAction, type RecordLifecycleEventType, streams } from '@trailmark/contracts';
import { type JsonValue, present } from '../activity/host-values';
import { type Assignee, type RecordEventBase, type RecordEventDataByAction, recordLifecycleEvent } from '../records/record.events';
import type { HostEventInput, MappedHostEvent } from './host-event';
import { type HostEventReader, isJsonObject, isText } from './host-event-reader';

type ActionData = { [A in RecordAction]: (read: HostEventReader, input: HostEventInput) => RecordEventDataByAction[A] | undefined };

/** How each record action reads its data from the host event: the same fields the record decider produces. */
const ACTION_DATA: ActionData = {
  Created: (read) => ({ fields: read.object('fields') ?? {} }),
  Updated: (read) => ({ changes: read.allChanges() }),
  Deleted: () => ({}),
  Assigned: (read) => {
    const found = read.change('assignee');
    if (!found) return undefined;
    const { change, path } = found;
    if (change.to === undefined) return read.required(`${path}.to`);
    const from = change.from === undefined ? null : assignee(read, change.from, `${path}.from`);
    const to = assignee(read, change.to, `${path}.to`);
    return from !== undefined && to !== undefined ? { from, to } : undefined;
  },
  StatusChanged: (read) => {
    const found = read.change('status');
    if (!found) return undefined;
    const { change, path } = found;
    const to = isText(change.to) ? change.to : read.problem(`${path}.to`, 'Expected the new status, a non-empty string');
    const from = previousStatus(read, change.from, `${path}.from`);
    return to !== undefined && from !== undefined ? { from, to } : undefined;
  },
  Replied: (read, { eventId }) => ({ replyId: read.text('replyId') ?? eventId, ...present({ body: read.text('body') }) }),
  Resolved: () => ({}),
  Reopened: () => ({}),
  Snoozed: (read) => {
    const until = read.requiredTimestamp('until');
    return until === undefined ? undefined : { until };
  },
};

/** `ticket.assigned` → `TicketAssigned` in the ticket's stream. The action names the record type; the target must agree. */
export function mapRecordAction(input: HostEventInput, eventType: RecordLifecycleEventType, read: HostEventReader): MappedHostEvent | undefined {
  const parsed = parseRecordEventType(eventType);
  const target = read.target();
  if (!parsed || !target) return undefined;
  const { recordType, action } = parsed;
  if (target.type.toLowerCase() !== recordType) {
    return read.problem('target.type', `Expected "${recordType}" for ${input.event.action}`);
  }
  const event = recordEvent(action, { recordType, recordId: target.id }, read, input);
  return event && { streamName: streams.record(input.workspaceId, recordType, target.id), event, extras: read.extras(['type', 'id']) };
}

function recordEvent<A extends RecordAction>(action: A, base: RecordEventBase, read: HostEventReader, input: HostEventInput) {
  const data = ACTION_DATA[action](read, input);
  return data && recordLifecycleEvent(action, { ...base, ...data });
}

/** The status before, null when the host does not say. */
function previousStatus(read: HostEventReader, value: JsonValue | undefined, path: string): string | null | undefined {
  if (value === undefined || value === null) return null;
  return isText(value) ? value : read.problem(path, 'Expected a status or null');
}

/** An assignee as `{ id, name? }`, a bare id, or null for nobody. */
function assignee(read: HostEventReader, value: JsonValue, path: string): Assignee | null | undefined {
  if (value === null) return null;
  if (isText(value)) return { id: value };
  if (isJsonObject(value) && isText(value['id']) && (value['name'] === undefined || isText(value['name']))) {
    return { id: value['id'], ...present({ name: value['name'] as string | undefined }) };
  }
  return read.problem(path, 'Expected an assignee: { "id", "name"? }, an id, or null');
}
