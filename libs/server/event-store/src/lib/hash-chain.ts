import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventToAppend, RecordedEvent } from './event-store.port';

/** `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Metadata keys written by the store; callers cannot set them. */
export const STORE_METADATA_KEYS = ['recordedAt', 'prevHash', 'hash'] as const;

export interface ChainLink {
  streamName: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  /** Metadata without `hash`, with `prevHash` and `recordedAt`. */
  metadata: Record<string, unknown>;
}

/** SHA-256 over the RFC 8785 canonical JSON of the event and its predecessor's hash. */
export function hashLink(link: ChainLink): string {
  return hash('sha256', canonicalJson(link), 'hex');
}

/**
 * An event's canonical JSON, cut around the two values that depend on its
 * place in the stream (`prevHash`, `revision`). Preparing costs nearly all of
 * the hashing and needs no lock; chaining under the stream's lock is then a
 * concatenation and a SHA-256 per event. The text is exactly
 * `canonicalJson(link)`, so `hashLink` verifies what this writes.
 */
export interface PreparedEvent {
  event: EventToAppend;
  metadata: Record<string, unknown>;
  beforePrevHash: string;
  beforeRevision: string;
  afterRevision: string;
}

export function prepareEvents(streamName: string, events: EventToAppend[], recordedAt: Date): PreparedEvent[] {
  const at = recordedAt.toISOString();
  const tail = `,"streamName":${JSON.stringify(streamName)},"type":`;
  return events.map((event) => {
    const metadata = withoutStoreKeys(event.metadata ?? {});
    metadata['recordedAt'] = at;
    const before: string[] = [];
    const after: string[] = [];
    for (const key of Object.keys(metadata).sort()) {
      const value = metadata[key];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      (key < 'prevHash' ? before : after).push(`${JSON.stringify(key)}:${canonicalJson(value)}`);
    }
    const data = event.data === undefined ? '' : `"data":${canonicalJson(event.data)},`;
    return {
      event,
      metadata,
      beforePrevHash: `{${data}"id":${JSON.stringify(event.id)},"metadata":{${before.map((member) => `${member},`).join('')}"prevHash":`,
      beforeRevision: `${after.map((member) => `,${member}`).join('')}},"revision":`,
      afterRevision: `${tail}${JSON.stringify(event.type)}}`,
    };
  });
}

/** Continues the chain from the stream's current head: revisions, `prevHash` and `hash` for each prepared event. */
export function chainPrepared(streamName: string, head: { revision: number; hash: string }, prepared: PreparedEvent[]): ChainLink[] {
  let prevHash = head.hash;
  return prepared.map(({ event, metadata, beforePrevHash, beforeRevision, afterRevision }, i) => {
    const revision = head.revision + 1 + i;
    const text = `${beforePrevHash}${JSON.stringify(prevHash)}${beforeRevision}${revision}${afterRevision}`;
    const linked: Record<string, unknown> = { ...metadata, prevHash };
    prevHash = hash('sha256', text, 'hex');
    linked['hash'] = prevHash;
    return { streamName, revision, id: event.id, type: event.type, data: event.data, metadata: linked };
  });
}

/**
 * Gives each new event its revision and its `recordedAt`, `prevHash` and
 * `hash` metadata, continuing the chain from the stream's current head.
 */
export function chainEvents(
  streamName: string,
  head: { revision: number; hash: string },
  events: EventToAppend[],
  recordedAt: Date,
): ChainLink[] {
  return chainPrepared(streamName, head, prepareEvents(streamName, events, recordedAt));
}

export type ChainBreak =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'revision_gap';

export type ChainVerdict =
  | { ok: true; streamName: string; checked: number; headHash: string }
  | {
      ok: false;
      streamName: string;
      checked: number;
      /** The first event whose link is broken. */
      eventId: string;
      revision: number;
      reason: ChainBreak;
      message: string;
    };

/** Walks a stream's events in revision order and names the first broken link. */
export function verifyChain(streamName: string, events: RecordedEvent[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedRevision = 0;
  for (const [checked, event] of events.entries()) {
    const broken = (reason: ChainBreak, message: string): ChainVerdict => ({
      ok: false, streamName, checked, eventId: event.id, revision: event.revision, reason, message,
    });
    if (event.revision !== expectedRevision) {
      return broken('revision_gap', `Event ${event.id} has revision ${event.revision} where ${expectedRevision} was expected: an event before it is missing`);
    }
    const { hash, ...metadata } = event.metadata;
    if (metadata['prevHash'] !== prevHash) {
      return broken('prev_hash_mismatch', `Event ${event.id} (revision ${event.revision}) does not link to the event before it: an event before it was removed or changed`);
    }
    const actual = hashLink({ streamName, revision: event.revision, id: event.id, type: event.type, data: event.data, metadata });
    if (actual !== hash) {
      return broken('hash_mismatch', `Event ${event.id} (revision ${event.revision}) was altered: its content no longer matches its hash`);
    }
    prevHash = actual;
    expectedRevision += 1;
  }
  return { ok: true, streamName, checked: events.length, headHash: prevHash };
}

function withoutStoreKeys(metadata: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...metadata };
  for (const key of STORE_METADATA_KEYS) {
    delete copy[key];
  }
  return copy;
}
