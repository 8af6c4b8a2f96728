import type { BrowsingEvent } from './browsing.events';

/** Page views and exports are one-off facts: nothing earlier changes how the next one is recorded. */
export type BrowsingState = null;

export const initialBrowsingState = (): BrowsingState => null;

export const evolveBrowsing = (state: BrowsingState, _event: BrowsingEvent): BrowsingState => state;
