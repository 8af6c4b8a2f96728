import type { ActivityEvent } from './activity.events';

/** Unknown host actions carry no rules, so nothing earlier changes how the next one is recorded. */
export type ActivityState = null;

export const initialActivityState = (): ActivityState => null;

export const evolveActivity = (state: ActivityState, _event: ActivityEvent): ActivityState => state;
