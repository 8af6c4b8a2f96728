import { createHash } from 'node:crypto';
import {
  ANY,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Filter,
  type JSONType,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from './errors';
import type { AllFilter, EventToAppend, ExpectedRevision, RecordedEvent } from './event-store.port';
import type { ChainLink } from './hash-chain';
import { decodePosition, encodePosition, type Position } from './position';

/**
 * ESDB event ids must be UUIDs while ours are any string, so the caller's id
 * travels in this metadata key and is handed back as `RecordedEvent.id`. The
 * `$` keeps it apart from caller keys, as ESDB does for its own metadata.
 */
export const EVENT_ID_METADATA_KEY = '$eventId';

/** Fixed namespace for deriving ESDB ids from caller ids that are not UUIDs. */
const EVENT_ID_NAMESPACE = Buffer.from('0974d87ec25e41c6ac2f81149ee0ecac', 'hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function toActualRevision(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM ? 'no_stream' : Number(current);
}

/** ESDB leaves positions optional; the servers Trailmark supports (22.6 and later) always send them. */
export function toStorePosition(position: EsdbPosition | undefined): Position {
  if (!position) {
    throw new Error('EventStoreDB answered without an $all position: the server must be 22.6 or later');
  }
  return encodePosition(position.commit, position.prepare);
}

export function toEsdbPosition(position: Position): EsdbPosition {
  const { major, minor } = decodePosition(position);
  return { commit: major, prepare: minor };
}

/** The caller's id when it is a UUID, else a name-based (v5-style) UUID derived from it. */
export function toEsdbEventId(id: string): string {
  if (UUID.test(id)) {
    return id.toLowerCase();
  }
  const bytes = createHash('sha1').update(EVENT_ID_NAMESPACE).update(id, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function toEventData(link: ChainLink): EventData {
  return jsonEvent({
    id: toEsdbEventId(link.id),
    type: link.type,
    // Any JSON value is accepted: the client only runs it through JSON.stringify.
    data: link.data as JSONType,
    metadata: { ...link.metadata, [EVENT_ID_METADATA_KEY]: link.id },
  });
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const { [EVENT_ID_METADATA_KEY]: originalId, ...metadata } = asRecord(event.metadata);
  return {
    id: typeof originalId === 'string' ? originalId : event.id,
    streamName: event.streamId,
    type: event.type,
    data: event.data,
    metadata,
    revision: Number(event.revision),
    position: toStorePosition(event.position),
    recordedAt: typeof metadata['recordedAt'] === 'string' ? new Date(metadata['recordedAt']) : event.created,
  };
}

/** Connection-level failures become `EventStoreUnavailableError`; anything else is returned as is. */
export function toStoreError(error: unknown): unknown {
  return error instanceof Error && isConnectionFailure(error)
    ? new EventStoreUnavailableError(`EventStoreDB is unavailable: ${error.message}`, { cause: error })
    : error;
}

export function toWrongExpectedVersion(
  error: EsdbWrongExpectedVersionError,
  streamName: string,
  expected: ExpectedRevision,
): WrongExpectedVersionError {
  return new WrongExpectedVersionError(streamName, expected, toActualRevision(error.actualVersion));
}

/**
 * ESDB filters on one thing at a time: stream prefixes win, event types are
 * then checked by `matchesFilter`; without either, system events are dropped.
 */
export function toServerFilter(filter: AllFilter = {}): Filter {
  if (filter.streamPrefixes?.length) {
    return streamNameFilter({ prefixes: filter.streamPrefixes });
  }
  if (filter.eventTypes?.length) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

/** True for events the caller asked for: never system events (type starting with `$`). */
export function matchesFilter(event: Pick<RecordedEvent, 'streamName' | 'type'>, filter: AllFilter = {}): boolean {
  if (event.type.startsWith('$')) {
    return false;
  }
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes?.length && !streamPrefixes.some((prefix) => event.streamName.startsWith(prefix))) {
    return false;
  }
  return !eventTypes?.length || eventTypes.includes(event.type);
}

/** Splits a batch into events to write and ids already known (or repeated within the batch). */
export function splitDuplicates(
  events: EventToAppend[],
  knownIds: Iterable<string>,
): { fresh: EventToAppend[]; duplicates: string[] } {
  const seen = new Set(knownIds);
  const fresh: EventToAppend[] = [];
  const duplicates: string[] = [];
  for (const event of events) {
    if (seen.has(event.id)) {
      duplicates.push(event.id);
    } else {
      seen.add(event.id);
      fresh.push(event);
    }
  }
  return { fresh, duplicates };
}

function isConnectionFailure(error: Error): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error.message.startsWith('Failed to discover')
  );
}

function asRecord(metadata: unknown): Record<string, unknown> {
  return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && !(metadata instanceof Uint8Array)
    ? { ...(metadata as Record<string, unknown>) }
    : {};
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
