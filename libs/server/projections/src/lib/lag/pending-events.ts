import type { AllFilter, EventStore, Position } from '@trailmark/event-store';

const PAGE_SIZE = 1000;

export interface PendingEventsQuery {
  /** Exclusive: the projection's checkpoint; undefined scans from the start of `$all`. */
  after?: Position;
  filter?: AllFilter;
  /** Stop counting after this many events. */
  limit: number;
}

export interface PendingEvents {
  /** Events after the checkpoint the filter keeps; a lower bound when `complete` is false. */
  count: number;
  /** When the first of them was recorded: the oldest fact the read model is still missing. */
  oldestRecordedAt?: Date;
  /** The last of them, i.e. the head of `$all` as this projection sees it; undefined when none or when incomplete. */
  head?: Position;
  /** False when the scan stopped at `limit` before reaching the head. */
  complete: boolean;
}

/**
 * Walks `$all` forwards from a checkpoint through the store port: the port has
 * no "last position" query and reads `$all` forwards only, so the head is
 * found by reading to the end. Only the lag is read, never the whole store, and
 * the walk stops at `limit`: a lag worth knowing exactly is a small one.
 */
export async function pendingEvents(store: EventStore, { after, filter, limit }: PendingEventsQuery): Promise<PendingEvents> {
  let count = 0;
  let oldestRecordedAt: Date | undefined;
  let last = after;
  for (;;) {
    const page = await store.readAll({ after: last, filter, maxCount: Math.min(PAGE_SIZE, limit + 1 - count) });
    if (page.length === 0) return { count, oldestRecordedAt, head: count > 0 ? last : undefined, complete: true };
    oldestRecordedAt ??= page[0].recordedAt;
    count += page.length;
    last = page[page.length - 1].position;
    if (count > limit) return { count: limit, oldestRecordedAt, complete: false };
  }
}
