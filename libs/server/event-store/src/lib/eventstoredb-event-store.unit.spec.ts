import { PassThrough } from 'node:stream';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AllStreamSubscription,
  type JSONEventData,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from './errors';
import type { EventToAppend } from './event-store.port';
import {
  EVENT_ID_METADATA_KEY,
  matchesFilter,
  splitDuplicates,
  toActualRevision,
  toEsdbEventId,
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
import { GENESIS_HASH, chainEvents, verifyChain } from './hash-chain';
import { comparePositions, encodePosition } from './position';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('expected revision mapping', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('maps %p to %p', (ours, esdb) => {
    expect(toEsdbExpectedRevision(ours)).toBe(esdb);
  });

  it('maps the actual revision ESDB reports back to ours', () => {
    expect(toActualRevision(NO_STREAM)).toBe('no_stream');
    expect(toActualRevision(7n)).toBe(7);
  });

  it('turns ESDB WrongExpectedVersionError into ours, keeping the caller expectation', () => {
    const esdb = new EsdbWrongExpectedVersionError(undefined, { streamName: 'ticket-w1.t1', expected: 3n, current: 5n });

    const error = toWrongExpectedVersion(esdb, 'ticket-w1.t1', 3);

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'ticket-w1.t1', expected: 3, actual: 5 });
  });

  it('reports a missing stream as no_stream', () => {
    const esdb = new EsdbWrongExpectedVersionError(undefined, { streamName: 's-1', expected: STREAM_EXISTS, current: NO_STREAM });

    expect(toWrongExpectedVersion(esdb, 's-1', 'stream_exists').actual).toBe('no_stream');
  });
});

describe('position mapping', () => {
  it('round-trips commit and prepare positions', () => {
    const esdb = { commit: 123_456_789_012n, prepare: 123_456_788_000n };

    const position = toStorePosition(esdb);

    expect(position).toBe(encodePosition(esdb.commit, esdb.prepare));
    expect(toEsdbPosition(position)).toEqual(esdb);
  });

  it('keeps $all order: commit first, then prepare', () => {
    const sorted = [
      toStorePosition({ commit: 9n, prepare: 9n }),
      toStorePosition({ commit: 100n, prepare: 50n }),
      toStorePosition({ commit: 100n, prepare: 60n }),
      toStorePosition({ commit: 1_000n, prepare: 1_000n }),
    ];

    expect([...sorted].reverse().sort(comparePositions)).toEqual(sorted);
  });

  it('refuses an answer without a position (servers before 22.6)', () => {
    expect(() => toStorePosition(undefined)).toThrow(/22\.6/);
  });
});

describe('event id mapping', () => {
  it('uses a UUID id as the ESDB id', () => {
    expect(toEsdbEventId('7F1C5B7E-2C3D-4E5F-8A9B-0C1D2E3F4A5B')).toBe('7f1c5b7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b');
  });

  it('derives a stable name-based UUID from any other id', () => {
    const derived = toEsdbEventId('ingest:w1:42');

    expect(derived).toMatch(UUID_V5);
    expect(toEsdbEventId('ingest:w1:42')).toBe(derived);
    expect(toEsdbEventId('ingest:w1:43')).not.toBe(derived);
  });

  it('writes the caller id into metadata and reads it back as the event id', () => {
    const [link] = chainEvents('ticket-w1.t1', { revision: -1, hash: GENESIS_HASH }, [event('evt-1')], new Date('2025-01-02T03:04:05.000Z'));

    const data = toEventData(link) as JSONEventData;
    const recorded = toRecordedEvent(stored(data, 0n, { commit: 10n, prepare: 10n }));

    expect(data.id).toBe(toEsdbEventId('evt-1'));
    expect(data.metadata).toMatchObject({ [EVENT_ID_METADATA_KEY]: 'evt-1' });
    expect(recorded.id).toBe('evt-1');
    expect(recorded.metadata).not.toHaveProperty(EVENT_ID_METADATA_KEY);
  });
});

describe('recorded event mapping', () => {
  it('keeps the hash chain verifiable through a write and a read', () => {
    const recordedAt = new Date('2025-01-02T03:04:05.000Z');
    const links = chainEvents('ticket-w1.t1', { revision: -1, hash: GENESIS_HASH }, [event('a'), event('b')], recordedAt);

    const recorded = links.map((link, i) =>
      toRecordedEvent(stored(toEventData(link) as JSONEventData, BigInt(i), { commit: 100n + BigInt(i), prepare: 100n + BigInt(i) })),
    );

    expect(verifyChain('ticket-w1.t1', recorded)).toMatchObject({ ok: true, checked: 2 });
    expect(recorded[1]).toMatchObject({
      streamName: 'ticket-w1.t1',
      type: 'TicketAssigned',
      data: { assignee: 'u-2' },
      revision: 1,
      position: encodePosition(101n, 101n),
      recordedAt,
    });
  });

  it('falls back to the ESDB id and created date for events not written by Trailmark', () => {
    const created = new Date('2024-06-01T00:00:00.000Z');

    const recorded = toRecordedEvent({
      streamId: '$stats-0.0.0.0:2113',
      id: '3b9e1c5a-0000-4000-8000-000000000001',
      isJson: false,
      revision: 3n,
      type: '$statsCollected',
      created,
      data: new Uint8Array([1, 2]),
      metadata: undefined,
      position: { commit: 5n, prepare: 5n },
    });

    expect(recorded).toMatchObject({ id: '3b9e1c5a-0000-4000-8000-000000000001', metadata: {}, recordedAt: created, revision: 3 });
  });
});

describe('error mapping', () => {
  it('maps connection failures to EventStoreUnavailableError', () => {
    const cause = new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');

    const error = toStoreError(cause);

    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).cause).toBe(cause);
    expect(toStoreError(new Error('Failed to discover after 10 attempts.'))).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('leaves other errors alone', () => {
    const notFound = new StreamNotFoundError(undefined, 'ticket-w1.t1');
    const bug = new TypeError('boom');

    expect(toStoreError(notFound)).toBe(notFound);
    expect(toStoreError(bug)).toBe(bug);
  });
});

describe('$all filters', () => {
  it('filters on stream prefixes on the server when given', () => {
    expect(toServerFilter({ streamPrefixes: ['ticket-'], eventTypes: ['TicketAssigned'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['ticket-'],
    });
  });

  it('filters on exact event types with an anchored regex', () => {
    const filter = toServerFilter({ eventTypes: ['SignedIn', 'Ticket.Assigned'] });
    const regex = new RegExp('regex' in filter ? filter.regex : '');

    expect(filter.filterOn).toBe('eventType');
    expect(['SignedIn', 'Ticket.Assigned'].every((type) => regex.test(type))).toBe(true);
    expect(['SignedInAgain', 'TicketXAssigned', '$metadata'].some((type) => regex.test(type))).toBe(false);
  });

  it('drops system events on the server when there is no filter', () => {
    expect(toServerFilter()).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('matches events client-side, never system events', () => {
    const filter = { streamPrefixes: ['ticket-', 'auth-'], eventTypes: ['TicketAssigned'] };

    expect(matchesFilter({ streamName: 'ticket-w1.t1', type: 'TicketAssigned' }, filter)).toBe(true);
    expect(matchesFilter({ streamName: 'asset-w1.a1', type: 'TicketAssigned' }, filter)).toBe(false);
    expect(matchesFilter({ streamName: 'ticket-w1.t1', type: 'TicketClosed' }, filter)).toBe(false);
    expect(matchesFilter({ streamName: 'ticket-w1.t1', type: 'TicketClosed' })).toBe(true);
    expect(matchesFilter({ streamName: '$$ticket-w1.t1', type: '$metadata' })).toBe(false);
  });
});

describe('duplicate detection', () => {
  it('skips ids already in the stream and ids repeated in the batch', () => {
    const { fresh, duplicates } = splitDuplicates([event('a'), event('b'), event('c'), event('b')], ['a', 'x']);

    expect(fresh.map((e) => e.id)).toEqual(['b', 'c']);
    expect(duplicates).toEqual(['a', 'b']);
  });
});

describe('$all subscription', () => {
  it('yields the kept events, mapped, and skips the rest', async () => {
    const { esdb, push } = fakeSubscription();
    const subscription = toAllSubscription(esdb, (e) => e.type !== 'Skipped');

    push(resolvedAt(1n, 'TicketAssigned'), {}, resolvedAt(2n, 'Skipped'), resolvedAt(3n, 'TicketClosed'));
    const seen = await take(subscription, 2);

    expect(seen.map((e) => [e.type, e.position])).toEqual([
      ['TicketAssigned', encodePosition(1n, 1n)],
      ['TicketClosed', encodePosition(3n, 3n)],
    ]);
  });

  it('ends a waiting iteration on close and cancels the call once', async () => {
    const { esdb, unsubscribe } = fakeSubscription();
    const subscription = toAllSubscription(esdb, () => true);
    const iterator = subscription[Symbol.asyncIterator]();

    const next = iterator.next();
    await subscription.close();
    await subscription.close();

    await expect(next).resolves.toEqual({ done: true, value: undefined });
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('cancels the call when the consumer stops early', async () => {
    const { esdb, push, unsubscribe } = fakeSubscription();
    push(resolvedAt(1n, 'TicketAssigned'), resolvedAt(2n, 'TicketAssigned'));

    await take(toAllSubscription(esdb, () => true), 1);

    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('reports a lost connection as EventStoreUnavailableError', async () => {
    const { esdb } = fakeSubscription();
    const iterator = toAllSubscription(esdb, () => true)[Symbol.asyncIterator]();

    const next = iterator.next();
    esdb.destroy(new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'));

    await expect(next).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('survives an error that arrives while nobody iterates, and still reports it to the next pull', async () => {
    const { esdb } = fakeSubscription();
    const subscription = toAllSubscription(esdb, () => true);
    // Without a listener, an 'error' event on the stream would throw out of emit and crash the process.
    esdb.destroy(new UnavailableError(undefined, '14 UNAVAILABLE: No connection established'));
    await new Promise((resolve) => setImmediate(resolve));

    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});

function fakeSubscription() {
  const unsubscribe = jest.fn(async () => undefined);
  const stream = new PassThrough({ objectMode: true });
  const esdb = Object.assign(stream, { unsubscribe }) as unknown as AllStreamSubscription;
  const push = (...resolved: object[]) => resolved.forEach((item) => stream.write(item));
  return { esdb, push, unsubscribe };
}

/** A resolved $all event at position (commit, commit). */
function resolvedAt(commit: bigint, type: string) {
  const data = toEventData(chainEvents('ticket-w1.t1', { revision: -1, hash: GENESIS_HASH }, [{ ...event(`e${commit}`), type }], new Date())[0]);
  return { event: stored(data as JSONEventData, 0n, { commit, prepare: commit }) };
}

async function take<T>(iterable: AsyncIterable<T>, count: number): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length === count) {
      break;
    }
  }
  return items;
}

function event(id: string): EventToAppend {
  return { id, type: 'TicketAssigned', data: { assignee: 'u-2' }, metadata: { workspaceId: 'w1' } };
}

/** What ESDB hands back for an event written from `data`: JSON round-tripped, with a revision and a position. */
function stored(data: JSONEventData, revision: bigint, position: { commit: bigint; prepare: bigint }): EsdbRecordedEvent {
  return {
    streamId: 'ticket-w1.t1',
    id: data.id,
    isJson: true,
    revision,
    type: data.type,
    created: new Date('2030-01-01T00:00:00.000Z'),
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position,
  };
}
