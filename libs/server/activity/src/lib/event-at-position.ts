import type { EventStore, RecordedEvent } from '@trailmark/event-store';

/**
 * The event at `position` in `streamName`, found by bisecting the stream's
 * revisions (positions grow with revisions): a few one-event reads, however
 * long the stream. Undefined when it is not there or has another id.
 */
export async function eventAtPosition(store: EventStore, streamName: string, position: string, eventId: string): Promise<RecordedEvent | undefined> {
  const [last] = await store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
  let low = 0;
  let high = last ? last.revision : -1;
  let candidate = last;
  while (candidate && low <= high) {
    if (candidate.position === position) return candidate.id === eventId ? candidate : undefined;
    if (candidate.position < position) low = candidate.revision + 1;
    else high = Math.min(high, candidate.revision) - 1;
    if (low > high) break;
    [candidate] = await store.readStream(streamName, { fromRevision: Math.floor((low + high) / 2), maxCount: 1 });
  }
  return undefined;
}
