import type { DomainEvent } from '../decider';
import type { JsonValue } from '../activity/host-values';

/** `recordType` and `recordId` name the record the page shows, when it shows one. */
export type PageViewed = DomainEvent<'PageViewed', { url: string; title?: string; recordType?: string; recordId?: string }>;

/** `dataset` is what was exported ("tickets", "customers"); `filters` as the host applied them. */
export type DataExported = DomainEvent<
  'DataExported',
  { exportId: string; dataset: string; format?: string; rowCount?: number; filters?: Record<string, JsonValue> }
>;

export type BrowsingEvent = PageViewed | DataExported;

// Keyed by type, so a new event type cannot be left out of the list.
const BROWSING_EVENTS: Record<BrowsingEvent['type'], true> = { PageViewed: true, DataExported: true };
export const browsingEventTypes = Object.keys(BROWSING_EVENTS) as BrowsingEvent['type'][];
