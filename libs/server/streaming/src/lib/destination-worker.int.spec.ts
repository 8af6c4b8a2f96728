import { eventMetadata } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { createPostgresEventStore, type EventStore, type RecordedEvent } from '@trailmark/event-store';
import { startTestPostgres, type TestPostgres, testPool } from '@trailmark/testing';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { deliveryLogPage, readDestinationCheckpoint } from './delivery-log';
import { destinationStream } from './destination-streams';
import { runDestinationWorker, type RunningWorker } from './destination-worker';
import { SIGNATURE_HEADER, verifySignature } from './signature';
import { saveSecret } from './streaming-secrets';
import { type Answer, startFlakyReceiver } from './testing/flaky-receiver';
import type { PublicEvent } from './public-event';

const WS = 'ws-stream';
const OTHER_WS = 'ws-other';
const DESTINATION = 'dest-1';
const SECRET = 'tms_test-secret';

let pg: TestPostgres;
let pools: Pool[];
let store: EventStore;
const workers: RunningWorker[] = [];
const workerStores: EventStore[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  pools = [testPool(pg.url, 6), testPool(pg.url, 6)];
  store = createPostgresEventStore(pools[0], { pollIntervalMs: 50 });
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all(workerStores.map((workerStore) => workerStore.close()));
  await store.close();
  await Promise.all(pools.map((pool) => pool.end()));
  await pg.stop();
});

/** `count` team events in the workspace, interleaved with events of another workspace that must not be delivered. */
async function seed(count: number, from: number): Promise<void> {
  for (let i = from; i < from + count; i += 10) {
    const events = Array.from({ length: Math.min(10, from + count - i) }, (_, k) => ({
      id: randomUUID(), type: 'TeamCreated', data: { teamId: `t-${i + k}`, name: `Team ${i + k}` }, metadata: eventMetadata({ workspaceId: WS }),
    }));
    await store.appendToStream(streams.team(WS, `batch-${i}`), events);
    await store.appendToStream(streams.team(OTHER_WS, `batch-${i}`), [{ id: randomUUID(), type: 'TeamCreated', data: {}, metadata: eventMetadata({ workspaceId: OTHER_WS }) }]);
  }
}

async function workspaceEvents(): Promise<RecordedEvent[]> {
  const all = await store.readAll({ maxCount: 10_000 });
  return all.filter((event) => event.metadata['workspaceId'] === WS && !event.type.startsWith('StreamingDelivery'));
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Request 2 hangs past the timeout, 4 has its connection reset, 8 is held until the worker is stopped, every other third answers 500. */
const script = (n: number): Answer => (n === 2 ? 'hang' : n === 4 ? 'reset' : n === 8 ? 'hold' : n % 3 === 0 ? 'error' : 'ok');

describe('streaming to a destination that fails intermittently', () => {
  it('ends with every event of the workspace, in order, signed, with each attempt logged and recorded', async () => {
    const receiver = await startFlakyReceiver(script);
    const destination = { destinationId: DESTINATION, workspaceId: WS, url: receiver.url, categories: [], eventTypes: [], batchSize: 20 };
    const created = { id: randomUUID(), type: 'StreamingDestinationCreated', data: { ...destination, name: 'SIEM' }, metadata: eventMetadata({ workspaceId: WS }) };
    await store.appendToStream(destinationStream(WS, DESTINATION), [created]);
    await saveSecret(pools[0], WS, DESTINATION, SECRET);
    await seed(200, 0);

    const options = { timeoutMs: 1000, backoff: { baseMs: 20, capMs: 200 }, allowPrivate: true, retryMs: 50, lingerMs: 20 };
    workerStores.push(...pools.map((pool) => createPostgresEventStore(pool, { pollIntervalMs: 50 })));
    workers.push(...pools.map((pool, i) => runDestinationWorker(workerStores[i], pool, destination, options)));
    await receiver.held;
    expect(workers.filter((worker) => worker.isActive())).toHaveLength(1);
    const [first, standby] = workers[0].isActive() ? workers : [workers[1], workers[0]];
    await first.stop();
    await seed(100, 200);

    const expected = await workspaceEvents();
    const last = expected[expected.length - 1].position;
    await until(async () => (await readDestinationCheckpoint(pools[0], DESTINATION)) === last);
    expect(standby.isActive()).toBe(true);
    await standby.stop();
    await receiver.close();

    const accepted = receiver.requests.filter(({ answer }) => answer === 'ok').map(({ body }) => JSON.parse(body) as { deliveryId: string; events: PublicEvent[] });
    const seen = new Set<string>();
    const delivered = accepted.flatMap(({ events }) => events).filter(({ id }) => !seen.has(id) && seen.add(id));
    expect(delivered.map(({ id }) => id)).toEqual(expected.map(({ id }) => id));
    // The destination's own creation is part of the workspace's log, so it is delivered too.
    expect(expected.map(({ type }) => type)).toEqual(['StreamingDestinationCreated', ...Array<string>(300).fill('TeamCreated')]);
    expect(delivered[1]).toMatchObject({ type: 'TeamCreated', category: 'Teams', label: 'Created team', stream: expected[1].streamName, revision: 0, position: expected[1].position });
    expect(receiver.requests.every(({ body, headers }) => verifySignature(SECRET, body, String(headers[SIGNATURE_HEADER])))).toBe(true);
    expect(receiver.requests.every(({ headers }) => headers['x-trailmark-destination'] === DESTINATION)).toBe(true);

    const answered = (answer: Answer) => receiver.requests.filter((request) => request.answer === answer).length;
    expect([answered('hang'), answered('reset'), answered('hold')]).toEqual([1, 1, 1]);
    const log = await deliveryLogPage(pools[0], WS, DESTINATION, 1000);
    expect(log.filter((entry) => entry.succeeded)).toHaveLength(answered('ok'));
    expect(log.filter((entry) => entry.statusCode === 500)).toHaveLength(answered('error'));
    expect(log.filter((entry) => entry.error === 'no answer within 1000 ms')).toHaveLength(1);
    expect(log.filter((entry) => !entry.succeeded)).toHaveLength(answered('error') + 2);
    expect(log.filter((entry) => entry.succeeded).reduce((sum, entry) => sum + entry.eventCount, 0)).toBe(301);

    const recorded = await store.readStream(destinationStream(WS, DESTINATION));
    const count = (type: string) => recorded.filter((event) => event.type === type).length;
    expect([count('StreamingDeliverySucceeded'), count('StreamingDeliveryFailed')]).toEqual([answered('ok'), answered('error') + 2]);
  }, 150_000);
});
