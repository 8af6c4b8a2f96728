import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from './errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadStreamOptions,
  RecordedEvent,
} from './event-store.port';
import {
  matchesFilter,
  splitDuplicates,
  toActualRevision,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toRecordedEvent,
  toServerFilter,
  toStoreError,
  toStorePosition,
  toWrongExpectedVersion,
} from './eventstoredb-mappers';
import { toAllSubscription } from './eventstoredb-subscription';
import { GENESIS_HASH, chainEvents } from './hash-chain';
import { encodePosition, type Position } from './position';

/**
 * How many of a stream's latest events an append checks for ids it already
 * holds. ESDB has no index on event id, so a retry arriving after this many
 * other events on the same stream would be written again.
 */
const DUPLICATE_WINDOW = 200;
/** Appends with 'any' / 'stream_exists' retry this often when another writer moves the head. */
const MAX_APPEND_ATTEMPTS = 10;
const READ_ALL_PAGE_SIZE = 500;
const PING_TIMEOUT_MS = 2_000;

/**
 * EventStoreDB adapter. Every append is written at the exact revision it read
 * (even for 'any'), so the per-stream hash chain stays linear under
 * concurrent writers: a writer that loses the race re-reads and re-chains.
 */
export function createEventStoreDbEventStore(connectionString: string): EventStore {
  const client = EventStoreDBClient.connectionString(connectionString);

  const store: EventStore = {
    kind: 'eventstoredb',

    // EventStoreDB has no transaction across streams: stream by stream, and a
    // retry with the same ids completes a call that stopped half-way.
    async appendToStreams(appends) {
      const results = [];
      for (const { streamName, events, expectedRevision } of appends) {
        results.push(await store.appendToStream(streamName, events, { expectedRevision }));
      }
      return results;
    },

    async appendToStream(streamName, events, { expectedRevision = 'any' } = {}) {
      let actual: number | 'no_stream' = 'no_stream';
      for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
        const outcome = await appendAtHead(client, streamName, events, expectedRevision);
        if ('result' in outcome) {
          return outcome.result;
        }
        actual = outcome.lostRaceAt;
      }
      throw new WrongExpectedVersionError(streamName, expectedRevision, actual);
    },

    readStream: (streamName, options = {}) => readStreamEvents(client, streamName, options),

    async readAll({ after, maxCount = Number.POSITIVE_INFINITY, filter } = {}) {
      // This client cannot filter reads of $all on the server (only subscriptions), so pages are filtered here.
      const pageSize = Math.min(READ_ALL_PAGE_SIZE, maxCount + 1);
      const events: RecordedEvent[] = [];
      let from = after;
      while (events.length < maxCount) {
        const page = await readAllPage(client, from, pageSize);
        events.push(...page.filter((event) => event.position !== from && matchesFilter(event, filter)));
        if (page.length < pageSize) {
          break;
        }
        from = page[page.length - 1].position;
      }
      return events.slice(0, maxCount);
    },

    subscribeToAll({ after, filter, batchSize } = {}) {
      const subscription = client.subscribeToAll(
        { fromPosition: after ? toEsdbPosition(after) : START, filter: toServerFilter(filter) },
        batchSize ? { highWaterMark: batchSize } : undefined,
      );
      return toAllSubscription(subscription, (event) => event.position !== after && matchesFilter(event, filter));
    },

    async ping() {
      const read = client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
      // Reads carry no gRPC deadline, so a server that accepts connections but never answers needs a timer.
      const timer = setTimeout(() => {
        void read.cancel();
        read.destroy(new EventStoreUnavailableError(`EventStoreDB did not answer within ${PING_TIMEOUT_MS} ms`));
      }, PING_TIMEOUT_MS);
      try {
        await collect(read);
      } finally {
        clearTimeout(timer);
      }
    },

    close: () => client.dispose(),
  };
  return store;
}

type AppendAttempt = { result: AppendResult } | { lostRaceAt: number | 'no_stream' };

/** One try at writing after the head just read; reports a lost race only when the caller may retry. */
async function appendAtHead(
  client: EventStoreDBClient,
  streamName: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendAttempt> {
  const recent = await readStreamEvents(client, streamName, { direction: 'backwards', maxCount: DUPLICATE_WINDOW });
  const head = recent.at(0);
  const actual = head ? head.revision : 'no_stream';
  const { fresh, duplicates } = splitDuplicates(events, recent.map((event) => event.id));
  // A batch whose ids are all stored already is a retry: a no-op, whatever the expectation.
  const isRetry = events.length > 0 && fresh.length === 0;
  if (!isRetry) {
    checkExpectedRevision(streamName, expected, actual);
  }
  if (fresh.length === 0) {
    return { result: unchangedResult(head, duplicates) };
  }
  const links = chainEvents(streamName, headOfChain(head), fresh, new Date());
  try {
    const written = await client.appendToStream(streamName, links.map(toEventData), {
      expectedRevision: toEsdbExpectedRevision(actual),
    });
    return {
      result: {
        nextExpectedRevision: Number(written.nextExpectedRevision),
        position: toStorePosition(written.position),
        appended: fresh.map((event) => event.id),
        duplicates,
      },
    };
  } catch (error) {
    if (!(error instanceof EsdbWrongExpectedVersionError)) {
      throw toStoreError(error);
    }
    if (expected === 'no_stream' || typeof expected === 'number') {
      throw toWrongExpectedVersion(error, streamName, expected);
    }
    return { lostRaceAt: toActualRevision(error.actualVersion) };
  }
}

function checkExpectedRevision(streamName: string, expected: ExpectedRevision, actual: number | 'no_stream'): void {
  const met =
    expected === 'any' ||
    (expected === 'stream_exists' ? actual !== 'no_stream' : expected === actual);
  if (!met) {
    throw new WrongExpectedVersionError(streamName, expected, actual);
  }
}

function headOfChain(head: RecordedEvent | undefined): { revision: number; hash: string } {
  if (!head) {
    return { revision: -1, hash: GENESIS_HASH };
  }
  const hash = head.metadata['hash'];
  // A head written outside Trailmark has no hash: verification reports it, appends still go on.
  return { revision: head.revision, hash: typeof hash === 'string' ? hash : GENESIS_HASH };
}

function unchangedResult(head: RecordedEvent | undefined, duplicates: string[]): AppendResult {
  return {
    nextExpectedRevision: head ? head.revision : -1,
    position: head ? head.position : encodePosition(0n, 0n),
    appended: [],
    duplicates,
  };
}

async function readStreamEvents(
  client: EventStoreDBClient,
  streamName: string,
  { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  const start = direction === 'forwards' ? START : END;
  try {
    const resolved = await collect(
      client.readStream(streamName, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: fromRevision === undefined ? start : BigInt(fromRevision),
        maxCount,
      }),
    );
    return toRecordedEvents(resolved);
  } catch (error) {
    if (error instanceof StreamNotFoundError) {
      return [];
    }
    throw error;
  }
}

/** Reads $all from `from` inclusive (ESDB's semantics); the caller drops the event at `from`. */
async function readAllPage(client: EventStoreDBClient, from: Position | undefined, maxCount: number): Promise<RecordedEvent[]> {
  const resolved = await collect(
    client.readAll({ direction: FORWARDS, fromPosition: from ? toEsdbPosition(from) : START, maxCount }),
  );
  return toRecordedEvents(resolved);
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const item of read) {
      items.push(item);
    }
  } catch (error) {
    throw toStoreError(error);
  }
  return items;
}

function toRecordedEvents(resolved: Array<ResolvedEvent | AllStreamResolvedEvent>): RecordedEvent[] {
  return resolved.flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
}
