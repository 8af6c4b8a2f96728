import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { describeEventStoreContract, type CommitHold } from './event-store.contract';
import type { EventStore } from './event-store.port';
import { createPostgresEventStore } from './postgres-event-store';
import { selectAllPage } from './postgres-read';
import { verifyStream } from './verify-stream';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
const holds = new Map<string, { entered: () => void; released: Promise<void> }>();
const slow: Array<{ prefix: string; delayMs: number }> = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 20);
  pool.on('error', () => undefined);
  store = createPostgresEventStore(pool, {
    pollIntervalMs: 200,
    beforeCommit: async (streamName) => {
      const hold = holds.get(streamName);
      if (hold) {
        holds.delete(streamName);
        hold.entered();
        await hold.released;
      }
      const delay = slow.find((s) => streamName.startsWith(s.prefix))?.delayMs;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    },
  });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

describeEventStoreContract('Postgres', () => ({
  store,
  atomicMultiStreamAppend: true,
  holdCommit(streamName): CommitHold {
    let entered!: () => void;
    let release!: () => void;
    const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
    holds.set(streamName, { entered, released: new Promise<void>((resolve) => (release = resolve)) });
    return { entered: enteredPromise, release };
  },
  slowCommits: (prefix, delayMs) => void slow.push({ prefix, delayMs }),
}));

describe('Postgres event store: filtered reads', () => {
  it('finds rare events behind more non-matching rows than one scan window holds', async () => {
    const rare = `rare${randomUUID().slice(0, 8)}`;
    await store.appendToStream(`${rare}-ws1.first`, [{ id: randomUUID(), type: 'Rare', data: { n: 0 } }]);
    for (let i = 0; i < 25; i += 1) {
      await store.appendToStreams(
        Array.from({ length: 10 }, (_, s) => ({
          streamName: `noise-ws1.${i}-${s}`,
          events: Array.from({ length: 100 }, (__, n) => ({ id: randomUUID(), type: 'Noise', data: { n } })),
        })),
      );
    }
    await store.appendToStream(`${rare}-ws1.last`, [{ id: randomUUID(), type: 'Rare', data: { n: 1 } }]);

    const found = await store.readAll({ filter: { streamPrefixes: [`${rare}-`] }, maxCount: 10 });
    expect(found.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    const byType = await store.readAll({ after: found[0].position, filter: { eventTypes: ['Rare'] } });
    expect(byType.map((e) => e.id)).toEqual([found[1].id]);
  }, 60_000);

  it('moves past rows that do not match, so the next poll does not scan them again', async () => {
    const tag = `Skip${randomUUID().slice(0, 8)}`;
    const noise = await store.appendToStream(`skip-ws1.${tag}`, Array.from({ length: 30 }, (_, n) => ({ id: randomUUID(), type: 'Noise', data: { n } })));
    const { position: start } = (await store.readAll({ filter: { streamPrefixes: [`skip-ws1.${tag}`] }, maxCount: 1 }))[0];

    const page = await selectAllPage(pool, start, 10, { eventTypes: [tag] });

    expect(page.events).toEqual([]);
    expect(page.scannedTo >= noise.position).toBe(true);
  });

  it('stops a filtered scan before a transaction that has not committed, and finds its event after it commits', async () => {
    const tag = `Held${randomUUID().slice(0, 8)}`;
    const before = await store.appendToStream(`held-ws1.${tag}-before`, [{ id: randomUUID(), type: 'Noise', data: {} }]);
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    holds.set(`held-ws1.${tag}`, { entered, released: new Promise<void>((resolve) => (release = resolve)) });
    const held = store.appendToStream(`held-ws1.${tag}`, [{ id: randomUUID(), type: tag, data: {} }]);
    await inside;
    const after = await store.appendToStream(`held-ws1.${tag}-after`, [{ id: randomUUID(), type: 'Noise', data: {} }]);

    const page = await selectAllPage(pool, before.position, 10, { eventTypes: [tag] });
    release();
    const committed = await held;

    expect(page.events).toEqual([]);
    expect(page.scannedTo < committed.position).toBe(true);
    expect(page.scannedTo < after.position).toBe(true);
    const next = await selectAllPage(pool, page.scannedTo, 10, { eventTypes: [tag] });
    expect(next.events.map((event) => event.position)).toEqual([committed.position]);
  });
});

describe('Postgres event store: immutability and tampering', () => {
  const streamName = () => `tamper-ws1.${randomUUID()}`;
  const append = async (name: string, count: number) => {
    const batch = Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'NoteWritten', data: { n } }));
    await store.appendToStream(name, batch);
    return store.readStream(name);
  };

  it.each([
    ['UPDATE', `UPDATE es_events SET data = '{"n": 99}' WHERE stream_name = $1`],
    ['DELETE', 'DELETE FROM es_events WHERE stream_name = $1'],
  ])('rejects %s of an event in the database itself', async (_op, sql) => {
    const name = streamName();
    await append(name, 2);
    await expect(pool.query(sql, [name])).rejects.toThrow(/events are immutable/);
    expect(await verifyStream(store, name)).toMatchObject({ ok: true, checked: 2 });
  });

  it('rejects TRUNCATE of the events table', async () => {
    await expect(pool.query('TRUNCATE es_events')).rejects.toThrow(/events are immutable: TRUNCATE/);
  });

  it('names the event a superuser changed behind the triggers', async () => {
    const name = streamName();
    const events = await append(name, 5);
    await asSuperuserWithoutTriggers(`UPDATE es_events SET data = '{"n": 42}' WHERE event_id = $1`, [events[2].id]);
    expect(await verifyStream(store, name)).toMatchObject({ ok: false, eventId: events[2].id, revision: 2, reason: 'hash_mismatch' });
  });

  it('names the event after one a superuser deleted from the middle', async () => {
    const name = streamName();
    const events = await append(name, 5);
    await asSuperuserWithoutTriggers('DELETE FROM es_events WHERE event_id = $1', [events[1].id]);
    expect(await verifyStream(store, name)).toMatchObject({ ok: false, eventId: events[2].id, revision: 2, reason: 'revision_gap' });
  });

  it('names an event whose predecessor was replaced with a re-hashed forgery', async () => {
    const name = streamName();
    const events = await append(name, 3);
    const forged = { ...events[0].metadata, hash: 'f'.repeat(64) };
    await asSuperuserWithoutTriggers('UPDATE es_events SET metadata = $2 WHERE event_id = $1', [events[0].id, forged]);
    expect(await verifyStream(store, name)).toMatchObject({ ok: false, eventId: events[0].id, reason: 'hash_mismatch' });
  });

  async function asSuperuserWithoutTriggers(sql: string, params: unknown[]): Promise<void> {
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE es_events DISABLE TRIGGER es_events_immutable');
      await client.query(sql, params);
      await client.query('ALTER TABLE es_events ENABLE TRIGGER es_events_immutable');
    } finally {
      await client.end();
    }
  }
});
