import type { IntegrityFinding } from '@trailmark/domain';
import { GENESIS_HASH, hashLink, type RecordedEvent } from '@trailmark/event-store';

const short = (hash: unknown) => `${String(hash).slice(0, 12)}…`;
const named = (event: RecordedEvent) => `Event ${event.id} (${event.type}) at revision ${event.revision}`;

/**
 * What happened to a stream whose chain broke, from every row it still has in
 * revision order: the first event that was changed, removed or reordered,
 * named. Each event's hash covers its revision and its predecessor's hash, so
 * a hash that fits another revision tells a moved event from an altered one.
 */
export function diagnoseStream(streamName: string, events: readonly RecordedEvent[]): IntegrityFinding | undefined {
  const stored = events.map((event) => event.metadata['hash']);
  const finding = (problem: IntegrityFinding['problem'], event: RecordedEvent, message: string, revision = event.revision): IntegrityFinding => ({
    streamName,
    problem,
    revision,
    eventId: event.id,
    message,
  });
  let expected = 0;
  for (const [i, event] of events.entries()) {
    const previous = events[i - 1];
    const prevHash = event.metadata['prevHash'];
    if (event.revision > expected) {
      const missing = event.revision - expected === 1 ? `Revision ${expected} is` : `Revisions ${expected} to ${event.revision - 1} are`;
      return finding('removed', event, `${missing} missing from ${streamName}: removed. ${named(event)} links to ${short(prevHash)}, the hash of the event that was there`, expected);
    }
    if (event.revision < expected) {
      return finding('reordered', event, `${named(event)} repeats a revision of ${streamName}: events were renumbered`);
    }
    if (previous && event.position < previous.position) {
      return finding('reordered', event, `${named(event)} was written before event ${previous.id} at revision ${previous.revision}: their order was changed`);
    }
    const hashedAt = revisionOfHash(event, events.length);
    if (prevHash !== (previous ? stored[i - 1] : GENESIS_HASH)) {
      const later = stored.indexOf(prevHash, i + 1);
      if (later > i) {
        return finding('reordered', event, `${named(event)} links to event ${events[later].id}, which now comes after it at revision ${events[later].revision}: events were reordered`);
      }
      if (hashedAt !== undefined && hashedAt > event.revision) {
        return finding('removed', event, `${hashedAt - event.revision} event(s) before ${named(event)} were removed and the later ones renumbered: it was written at revision ${hashedAt}`);
      }
      if (previous) {
        return finding('changed', previous, `${named(previous)} was altered and its hash recomputed: the next event, ${event.id}, still links to its original hash ${short(prevHash)}`);
      }
      return finding('changed', event, `${named(event)} does not start the chain of ${streamName}: it links to ${short(prevHash)} instead of the genesis hash`);
    }
    if (hashedAt !== event.revision) {
      if (hashedAt !== undefined) return finding('reordered', event, `${named(event)} was written at revision ${hashedAt}: it was moved`);
      return finding('changed', event, `${named(event)} was altered: its content no longer matches its hash ${short(stored[i])}`);
    }
    expected = event.revision + 1;
  }
  return undefined;
}

/** The revision at which the event's stored hash was computed, looked for near where it could have been. */
function revisionOfHash(event: RecordedEvent, streamLength: number): number | undefined {
  const { hash, ...metadata } = event.metadata;
  const at = (revision: number) => hashLink({ streamName: event.streamName, revision, id: event.id, type: event.type, data: event.data, metadata }) === hash;
  if (at(event.revision)) return event.revision;
  const last = Math.max(streamLength, event.revision) + 8;
  for (let revision = 0; revision <= last; revision += 1) {
    if (revision !== event.revision && at(revision)) return revision;
  }
  return undefined;
}
