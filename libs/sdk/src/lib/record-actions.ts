import { RECORD_ACTIONS, RECORD_TYPES, type RecordAction, type RecordActionOf, type RecordType } from '@trailmark/contracts';
import { type ActionSpec, actionSpec, type CommonInput, type EventParts, present } from './action-spec';

/** A host record: its stable id, and its name and URL as they are now. */
export interface RecordRef {
  id: string;
  name?: string;
  url?: string;
}

export interface Assignee {
  id: string;
  name?: string;
}

type FieldChange = { field: string; from?: unknown; to?: unknown };

/** What each record action takes beside the actor and the record. */
export interface RecordActionInputs {
  Created: { fields?: Record<string, unknown> };
  Updated: { changes: FieldChange[] };
  Deleted: object;
  /** `from` left out: Trailmark uses the last assignee it knows. */
  Assigned: { from?: Assignee | null; to: Assignee | null };
  StatusChanged: { from?: string | null; to: string };
  Replied: { replyId?: string; body?: string };
  Resolved: object;
  Reopened: object;
  /** ISO 8601. */
  Snoozed: { until: string };
}

/** E.g. `{ actor, ticket: { id, name }, from, to }` for `tickets.statusChanged`. */
export type RecordActionInput<R extends RecordType, A extends RecordAction> = CommonInput & { [K in R]: RecordRef } & RecordActionInputs[A];

const RECORD_ACTION_PARTS: { [A in RecordAction]: (input: RecordActionInputs[A]) => Omit<EventParts, 'target'> } = {
  Created: ({ fields }) => ({ details: present({ fields }) }),
  Updated: ({ changes }) => ({ changes }),
  Deleted: () => ({}),
  Assigned: ({ from, to }) => ({ changes: [{ field: 'assignee', from, to }] }),
  StatusChanged: ({ from, to }) => ({ changes: [{ field: 'status', from, to }] }),
  Replied: ({ replyId, body }) => ({ details: present({ replyId, body }) }),
  Resolved: () => ({}),
  Reopened: () => ({}),
  Snoozed: ({ until }) => ({ details: { until } }),
};

export type RecordActionSpecs = {
  [R in RecordType as `${R}s`]: { [A in RecordActionOf<R> as Uncapitalize<A>]: ActionSpec<RecordActionInput<R, A>> };
};

/** `StatusChanged` → `status_changed`, the way host actions are spelled. */
export function snakeCase(pascal: string): string {
  return pascal.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

function recordActionSpec(recordType: RecordType, action: RecordAction): ActionSpec<CommonInput> {
  return actionSpec(`${recordType}.${snakeCase(action)}`, (input) => {
    const record = (input as unknown as Record<string, RecordRef>)[recordType];
    const parts = (RECORD_ACTION_PARTS[action] as (input: CommonInput) => EventParts)(input);
    return { target: { type: recordType, id: record?.id, ...present({ name: record?.name, url: record?.url }) }, ...parts };
  });
}

/** One helper per record type × action, from the contracts' table (tickets.created, assets.deleted, ...). */
export const RECORD_ACTION_SPECS = Object.fromEntries(
  RECORD_TYPES.map((recordType) => [
    `${recordType}s`,
    Object.fromEntries(
      RECORD_ACTIONS[recordType].map((action) => [action.charAt(0).toLowerCase() + action.slice(1), recordActionSpec(recordType, action)]),
    ),
  ]),
) as unknown as RecordActionSpecs;
