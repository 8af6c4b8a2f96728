import type { RecordedEvent } from './event-store.port';
import { encodePosition, type Position } from './position';
import type { NotificationWaiter } from './postgres-notifier';
import type { AllPage } from './postgres-read';
import { pollingSubscription } from './postgres-subscription';

const position = (n: number) => encodePosition(1n, BigInt(n));
const START = position(0);

const event = (n: number): RecordedEvent => ({
  id: `e${n}`,
  streamName: 'ticket-ws1.T-1',
  type: 'TicketUpdated',
  data: { n },
  metadata: {},
  revision: n,
  position: position(n),
  recordedAt: new Date(0),
});

/** A store of `total` events read in pages; each read waits until the test lets it finish. */
function pagedStore(total: number) {
  const reads: Array<{ after: Position; finish(error?: Error): void }> = [];
  const readPage = (after: Position, maxCount: number): Promise<AllPage> =>
    new Promise((resolve, reject) => {
      const from = Number(after.split(':')[1]);
      const events = Array.from({ length: Math.max(0, Math.min(maxCount, total - from)) }, (_, i) => event(from + i + 1));
      reads.push({ after, finish: (error) => (error ? reject(error) : resolve({ events, scannedTo: events.at(-1)?.position ?? after })) });
    });
  return { reads, readPage };
}

function idleWaiter(): NotificationWaiter {
  let wake: (() => void) | undefined;
  return {
    version: () => 0,
    wait: () => new Promise<void>((resolve) => (wake = resolve)),
    interrupt: () => wake?.(),
    dispose: () => undefined,
  };
}

/** A waiter that has news every time it is asked: nothing but the read interval holds a read back. */
function busyWaiter(): NotificationWaiter {
  let version = 0;
  return { version: () => (version += 1), wait: () => Promise.resolve(), interrupt: () => undefined, dispose: () => undefined };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('polling subscription', () => {
  it('reads the page after a full one while the consumer works through it, and delivers every event once, in order', async () => {
    const { reads, readPage } = pagedStore(5);
    const subscription = pollingSubscription(readPage, idleWaiter(), { after: START, batchSize: 2 }, 1000);
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    reads[0].finish();
    expect((await first).value?.id).toBe('e1');
    expect(reads.map((read) => read.after)).toEqual([START, position(2)]);

    const received = ['e1'];
    const rest = (async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        received.push(next.value.id);
        if (received.length === 5) return;
      }
    })();
    for (let i = 1; i < 3; i += 1) {
      await settle();
      reads[i].finish();
    }
    await rest;
    expect(received).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    // The third page came back short: nothing is read ahead of it, the subscription waits for news instead.
    expect(reads.map((read) => read.after)).toEqual([START, position(2), position(4)]);
    await subscription.close();
  });

  it('surfaces a failed read ahead when the consumer reaches it, not before', async () => {
    const { reads, readPage } = pagedStore(10);
    const subscription = pollingSubscription(readPage, idleWaiter(), { after: START, batchSize: 2 }, 1000);
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    reads[0].finish();
    await first;
    reads[1].finish(new Error('connection lost'));
    await settle();
    expect((await iterator.next()).value?.id).toBe('e2');
    await expect(iterator.next()).rejects.toThrow('connection lost');
  });

  it('waits for a read ahead still running when it is closed', async () => {
    const { reads, readPage } = pagedStore(10);
    const subscription = pollingSubscription(readPage, idleWaiter(), { after: START, batchSize: 2 }, 1000);
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    reads[0].finish();
    await first;
    let closed = false;
    const closing = subscription.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    reads[1].finish();
    await closing;
    expect(reads).toHaveLength(2);
  });

  it('starts a read after a short page no sooner than the read interval after the one before, however soon news comes', async () => {
    const { reads, readPage } = pagedStore(1);
    const startedAt: number[] = [];
    const timedRead = (after: Position, maxCount: number) => {
      startedAt.push(Date.now());
      return readPage(after, maxCount);
    };
    const subscription = pollingSubscription(timedRead, busyWaiter(), { after: START, batchSize: 2, minReadIntervalMs: 300 }, 1000);
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    reads[0].finish();
    expect((await first).value?.id).toBe('e1');
    void iterator.next();
    await sleep(100);
    expect(reads).toHaveLength(1);
    for (const deadline = Date.now() + 2000; reads.length < 2 && Date.now() < deadline; ) await sleep(10);
    expect(reads).toHaveLength(2);
    expect(startedAt[1] - startedAt[0]).toBeGreaterThanOrEqual(299);
    reads[1].finish();
    await subscription.close();
  });

  it('ends a pause between reads at once when it is closed', async () => {
    const { reads, readPage } = pagedStore(1);
    const subscription = pollingSubscription(readPage, busyWaiter(), { after: START, batchSize: 2, minReadIntervalMs: 60_000 }, 1000);
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    await settle();
    reads[0].finish();
    await first;
    const pending = iterator.next();
    await settle();
    const closedAt = Date.now();
    await subscription.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(Date.now() - closedAt).toBeLessThan(1000);
    expect(reads).toHaveLength(1);
  });
});
