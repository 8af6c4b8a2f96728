import type { IngestEvent } from '@trailmark/contracts';
import { type ActionHelpers, bindActions } from './action-spec';
import { ACTIVITY_ACTION_SPECS } from './activity-actions';
import { RECORD_ACTION_SPECS } from './record-actions';

/** Every typed action, by group: `tickets.created`, `comments.added`, `pages.viewed`, `auth.signedIn`, ... */
export const TYPED_ACTION_SPECS = { ...RECORD_ACTION_SPECS, ...ACTIVITY_ACTION_SPECS };

export type TypedActions<Out> = ActionHelpers<typeof TYPED_ACTION_SPECS, Out>;

/** The typed helpers as pure builders: `ingestEvents.tickets.created({ actor, ticket })` returns the IngestEvent. */
export const ingestEvents: TypedActions<IngestEvent> = bindActions(TYPED_ACTION_SPECS, (event) => event);
