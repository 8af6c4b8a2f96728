import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from './errors';
import type { EventStore, EventToAppend, RecordedEvent } from './event-store.port';
import { verifyStream } from './verify-stream';

export interface CommitHold {
  /** Resolves once the held append has written its rows and waits before COMMIT. */
  entered: Promise<void>;
  release(): void;
}

export interface EventStoreHarness {
  store: EventStore;
  /**
   * Makes the next append to `streamName` stop just before it commits. Only
   * stores with client-side transactions can offer it (Postgres).
   */
  holdCommit?: (streamName: string) => CommitHold;
  /** True when appendToStreams is all-or-nothing across streams. */
  atomicMultiStreamAppend?: boolean;
  /** Delays every commit to streams starting with `prefix`. */
  slowCommits?: (prefix: string, delayMs: number) => void;
}

/**
 * The behaviour every EventStore adapter must show. Call inside a test file
 * with a factory that returns a ready harness on a real store.
 */
export function describeEventStoreContract(name: string, harness: () => EventStoreHarness): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let category: string;
    beforeEach(() => {
      store = harness().store;
      category = `c${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    const stream = (id: string) => `${category}-ws1.${id}`;

    it('appends a batch atomically and reads it back with revisions and a valid hash chain', async () => {
      const result = await store.appendToStream(stream('a'), events(3), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2);
      expect(result.appended).toHaveLength(3);

      const read = await store.readStream(stream('a'));
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect(read[1].metadata['prevHash']).toBe(read[0].metadata['hash']);
      expect(await verifyStream(store, stream('a'))).toMatchObject({ ok: true, checked: 3 });

      const backwards = await store.readStream(stream('a'), { direction: 'backwards', maxCount: 2 });
      expect(backwards.map((e) => e.revision)).toEqual([2, 1]);
      expect(await store.readStream(stream('missing'))).toEqual([]);
    });

    it.each([
      ['no_stream on an existing stream', 'no_stream' as const],
      ['an exact revision that is stale', 0],
      ['an exact revision ahead of the stream', 5],
    ])('rejects %s with the typed error and writes nothing', async (_case, expectedRevision) => {
      await store.appendToStream(stream('b'), events(2));
      const attempt = store.appendToStream(stream('b'), events(1), { expectedRevision });
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({ streamName: stream('b'), actual: 1 });
      expect(await store.readStream(stream('b'))).toHaveLength(2);
    });

    it('rejects stream_exists on a missing stream and accepts the right revision', async () => {
      await expect(store.appendToStream(stream('c'), events(1), { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
        actual: 'no_stream',
      });
      expect(await store.readStream(stream('c'))).toEqual([]);
      await store.appendToStream(stream('c'), events(1), { expectedRevision: 'no_stream' });
      const result = await store.appendToStream(stream('c'), events(1), { expectedRevision: 0 });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('writes nothing new when an append is retried with the same event ids', async () => {
      const batch = events(3);
      await store.appendToStream(stream('d'), batch, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream(stream('d'), batch, { expectedRevision: 'no_stream' });
      expect(retry.appended).toEqual([]);
      expect(retry.duplicates).toEqual(batch.map((e) => e.id));
      expect(retry.nextExpectedRevision).toBe(2);

      const partial = await store.appendToStream(stream('d'), [batch[2], ...events(1)]);
      expect(partial.duplicates).toEqual([batch[2].id]);
      expect(partial.appended).toHaveLength(1);
      expect(await store.readStream(stream('d'))).toHaveLength(4);
      expect(await readAllOf(store, category)).toHaveLength(4);
    });

    it('appends to several streams in one call, chained per stream, and treats a retry as duplicates', async () => {
      await store.appendToStream(stream('m1'), events(1));
      const appends = [
        { streamName: stream('m1'), events: events(2), expectedRevision: 0 },
        { streamName: stream('m2'), events: events(3), expectedRevision: 'no_stream' as const },
      ];
      const results = await store.appendToStreams(appends);
      expect(results.map((r) => [r.nextExpectedRevision, r.appended.length])).toEqual([
        [2, 2],
        [2, 3],
      ]);
      expect(await verifyStream(store, stream('m1'))).toMatchObject({ ok: true, checked: 3 });
      expect(await verifyStream(store, stream('m2'))).toMatchObject({ ok: true, checked: 3 });

      const retry = await store.appendToStreams(appends);
      expect(retry.map((r) => [r.appended.length, r.duplicates.length])).toEqual([
        [0, 2],
        [0, 3],
      ]);
      expect(await readAllOf(store, category)).toHaveLength(6);
    });

    it('writes nothing to any stream when one expectation fails, if the store appends atomically', async () => {
      if (!harness().atomicMultiStreamAppend) {
        console.warn(`${name}: appendToStreams is not atomic across streams; a retry completes it instead`);
        return;
      }
      await store.appendToStream(stream('n1'), events(1));
      const attempt = store.appendToStreams([
        { streamName: stream('n2'), events: events(2) },
        { streamName: stream('n1'), events: events(1), expectedRevision: 'no_stream' },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await readAllOf(store, category)).toHaveLength(1);
    });

    it('reads $all after a position with stream-prefix and event-type filters', async () => {
      await store.appendToStream(stream('e'), [event('Kept'), event('Dropped'), event('Kept')]);
      await store.appendToStream(`other${category}-ws1.x`, [event('Kept')]);
      const all = await store.readAll({ filter: { streamPrefixes: [`${category}-`], eventTypes: ['Kept'] } });
      expect(all.map((e) => [e.streamName, e.type, e.revision])).toEqual([
        [stream('e'), 'Kept', 0],
        [stream('e'), 'Kept', 2],
      ]);
      const rest = await store.readAll({ after: all[0].position, filter: { streamPrefixes: [`${category}-`] } });
      expect(rest.map((e) => e.revision)).toEqual([1, 2]);
    });

    it('delivers every event exactly once, in one order consistent with each stream, to a subscriber running during 8 concurrent writers', async () => {
      const writers = 8;
      const perWriter = 1000;
      const batch = 10;
      const streams = ['s0', 's1', 's2', 's3', 'slow-s4'].map((id) => stream(id));
      harness().slowCommits?.(stream('slow'), 150);

      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const received: RecordedEvent[] = [];
      const consumed = (async () => {
        for await (const e of subscription) {
          received.push(e);
          if (received.length === writers * perWriter) break;
        }
      })();

      const written = await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const ids: string[] = [];
          for (let i = 0; i < perWriter / batch; i += 1) {
            // Writer 0 sometimes writes to the slow stream: its transactions start
            // before later ones and commit after them.
            const target = w === 0 && i % 10 === 0 ? streams[4] : streams[(w + i) % 4];
            const appended = events(batch, { writer: w });
            await store.appendToStream(target, appended);
            ids.push(...appended.map((e) => e.id));
          }
          return ids;
        }),
      );
      await withTimeout(consumed, 60_000, () => `subscriber got ${received.length} of ${writers * perWriter}`);
      await subscription.close();

      const receivedIds = received.map((e) => e.id);
      expect(new Set(receivedIds).size).toBe(receivedIds.length);
      expect(new Set(receivedIds)).toEqual(new Set(written.flat()));
      expect(isStrictlyIncreasing(received.map((e) => e.position))).toBe(true);
      for (const name of streams) {
        const revisions = received.filter((e) => e.streamName === name).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => i));
      }
      expect(received).toEqual(await readAllOf(store, category));
    }, 120_000);

    it('orders a slow transaction that started first before faster ones that committed earlier, and skips nothing', async () => {
      const hold = harness().holdCommit;
      if (!hold) {
        console.warn(`${name}: the server orders commits itself; no client transaction can be held open`);
        return;
      }
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
      const received: RecordedEvent[] = [];
      const consumed = (async () => {
        for await (const e of subscription) {
          received.push(e);
          if (received.length === 3) break;
        }
      })();

      const held = hold(stream('slow'));
      const slow = store.appendToStream(stream('slow'), events(2));
      await held.entered;
      const fast = await store.appendToStream(stream('fast'), events(1));
      expect(fast.appended).toHaveLength(1);
      await sleep(300);
      expect(received).toEqual([]);

      held.release();
      await slow;
      await withTimeout(consumed, 10_000, () => `subscriber got ${received.length} of 3`);
      await subscription.close();
      expect(received.map((e) => e.streamName)).toEqual([stream('slow'), stream('slow'), stream('fast')]);
    }, 30_000);
  });
}

function event(type: string, data: unknown = {}): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { workspaceId: 'ws1' } };
}

function events(count: number, extra: Record<string, unknown> = {}): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => event('TestHappened', { n, ...extra }));
}

async function readAllOf(store: EventStore, category: string): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.at(-1)?.position, maxCount: 1000, filter: { streamPrefixes: [`${category}-`] } });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

function isStrictlyIncreasing(values: string[]): boolean {
  return values.every((value, i) => i === 0 || values[i - 1] < value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout(promise: Promise<void>, ms: number, describe: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out: ${describe()}`)), ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
