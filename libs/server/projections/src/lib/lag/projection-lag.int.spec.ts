import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type RecordedEvent } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { waitForCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { runProjection } from '../projection-runner';
import { projectionLag, projectionLags } from './projection-lag';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  await pool.query('CREATE TABLE lagged (event_id text PRIMARY KEY)');
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

/** Listens to one category only, so events of other streams must not count as lag. */
function laggedProjection(category: string): Projection {
  return {
    name: `lag-${category}`,
    filter: { streamPrefixes: [`${category}-`] },
    async apply(client, events) {
      for (const event of events) await client.query('INSERT INTO lagged (event_id) VALUES ($1)', [event.id]);
    },
  };
}

async function append(streamName: string, count: number): Promise<RecordedEvent[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await store.appendToStream(streamName, ids.map((id) => ({ id, type: 'Numbered', data: {} })));
  const events = await store.readStream(streamName);
  return ids.map((id) => events.find((event) => event.id === id) as RecordedEvent);
}

async function catchUp(projection: Projection, last: RecordedEvent): Promise<void> {
  const run = runProjection(store, pool, projection, { retryMs: 50 });
  try {
    expect(await waitForCheckpoint(pool, projection.name, last.position, 10_000)).toBe(true);
  } finally {
    await run.stop();
  }
}

const msAfter = (event: RecordedEvent, ms: number) => () => new Date(event.recordedAt.getTime() + ms);

describe('projection lag', () => {
  it('counts what a stopped runner has not applied, ignores streams it does not listen to, and is 0 once it caught up', async () => {
    const category = `lagged${randomUUID().slice(0, 6)}`;
    const projection = laggedProjection(category);
    await append(`noise-ws1.before`, 2);
    const first = await append(`${category}-ws1.r1`, 3);
    await append(`noise-ws1.after`, 4);

    expect(await projectionLag(store, pool, projection, { now: msAfter(first[0], 4_000) })).toEqual({
      projection: projection.name,
      checkpoint: null,
      head: first[2].position,
      eventsBehind: 3,
      eventsBehindCapped: false,
      lagMs: 4_000,
    });

    await catchUp(projection, first[2]);
    const caughtUp = { projection: projection.name, checkpoint: first[2].position, head: first[2].position, eventsBehind: 0, eventsBehindCapped: false, lagMs: 0 };
    expect(await projectionLag(store, pool, projection, { now: msAfter(first[2], 60_000) })).toEqual(caughtUp);

    const second = await append(`${category}-ws1.r2`, 2);
    await append(`noise-ws1.later`, 1);
    expect(await projectionLag(store, pool, projection, { now: msAfter(second[0], 1_500) })).toEqual({
      projection: projection.name,
      checkpoint: first[2].position,
      head: second[1].position,
      eventsBehind: 2,
      eventsBehindCapped: false,
      lagMs: 1_500,
    });

    await catchUp(projection, second[1]);
    expect(await projectionLag(store, pool, projection, { now: msAfter(second[1], 60_000) })).toEqual({
      ...caughtUp,
      checkpoint: second[1].position,
      head: second[1].position,
    });
  }, 30_000);

  it('stops counting at the scan limit and then reports a lower bound without a head', async () => {
    const category = `capped${randomUUID().slice(0, 6)}`;
    const events = await append(`${category}-ws1.r1`, 5);
    expect(await projectionLag(store, pool, laggedProjection(category), { now: msAfter(events[0], 250), scanLimit: 3 })).toEqual({
      projection: `lag-${category}`,
      checkpoint: null,
      head: null,
      eventsBehind: 3,
      eventsBehindCapped: true,
      lagMs: 250,
    });
    expect(await projectionLag(store, pool, laggedProjection(category), { now: msAfter(events[0], 250), scanLimit: 5 })).toMatchObject({
      head: events[4].position,
      eventsBehind: 5,
      eventsBehindCapped: false,
    });
  });

  it('never reports negative lag when the clock reading it is behind the one that recorded the event', async () => {
    const category = `skew${randomUUID().slice(0, 6)}`;
    const [event] = await append(`${category}-ws1.r1`, 1);
    expect(await projectionLag(store, pool, laggedProjection(category), { now: msAfter(event, -2_000) })).toMatchObject({ eventsBehind: 1, lagMs: 0 });
  });

  it('gives up after the timeout on a store that does not answer', async () => {
    const silent = { ...store, readAll: () => new Promise<never>(() => undefined) };
    const started = Date.now();
    await expect(projectionLags(silent, pool, [laggedProjection('silent')], { timeoutMs: 200 })).rejects.toThrow(
      'The projection lag was not read within 200 ms',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
