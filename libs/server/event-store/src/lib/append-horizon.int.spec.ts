import { Client, type Pool } from 'pg';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { appendHorizon, APPENDER_MARK_SQL } from './append-horizon';
import type { EventStore } from './event-store.port';
import { createPostgresEventStore } from './postgres-event-store';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
const open: Client[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  await pool.query('CREATE TABLE horizon_probe (n int)');
  store = createPostgresEventStore(pool, { pollIntervalMs: 200 });
}, 60_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.query('ROLLBACK').finally(() => client.end())));
});

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

async function transaction(): Promise<Client> {
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  open.push(client);
  await client.query('BEGIN');
  return client;
}

async function xidOf(client: Client): Promise<bigint> {
  const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  return BigInt(rows[0].xid);
}

async function nextXid(): Promise<bigint> {
  const { rows } = await pool.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
  return BigInt(rows[0].xmax);
}

describe('appendHorizon', () => {
  it('is the next transaction id when nothing runs', async () => {
    expect(BigInt(await appendHorizon(pool))).toBe(await nextXid());
  });

  it('is not held back by a transaction that writes only other tables', async () => {
    const writer = await transaction();
    await writer.query('INSERT INTO horizon_probe VALUES (1)');
    const writerXid = await xidOf(writer);
    const appender = await transaction();
    await appender.query(APPENDER_MARK_SQL);
    const appenderXid = await xidOf(appender);
    await appender.query('COMMIT');
    await appender.query('BEGIN');
    expect(appenderXid).toBeGreaterThan(writerXid);
    // Rows below the horizon are read, so the committed appender's rows are visible while the older writer still runs.
    expect(BigInt(await appendHorizon(pool))).toBeGreaterThan(appenderXid);
    const { rows } = await pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
    expect(BigInt(rows[0].xmin)).toBe(writerXid);
  });

  it('stops at the oldest running appender, behind a younger non-appender', async () => {
    const appender = await transaction();
    await appender.query(APPENDER_MARK_SQL);
    const appenderXid = await xidOf(appender);
    const writer = await transaction();
    await writer.query('INSERT INTO horizon_probe VALUES (2)');
    const younger = await transaction();
    await younger.query(APPENDER_MARK_SQL);
    await xidOf(younger);
    expect(BigInt(await appendHorizon(pool))).toBe(appenderXid);
  });

  it('ignores an appender that has no transaction id yet: its id will come after the horizon', async () => {
    const appender = await transaction();
    await appender.query(APPENDER_MARK_SQL);
    const before = BigInt(await appendHorizon(pool));
    expect(before).toBe(await nextXid());
    const xid = await xidOf(appender);
    expect(xid).toBeGreaterThanOrEqual(before);
    expect(BigInt(await appendHorizon(pool))).toBe(xid);
  });

  it('moves on once the appender commits', async () => {
    const appender = await transaction();
    await appender.query(APPENDER_MARK_SQL);
    const xid = await xidOf(appender);
    expect(BigInt(await appendHorizon(pool))).toBe(xid);
    await appender.query('COMMIT');
    await appender.query('BEGIN');
    expect(BigInt(await appendHorizon(pool))).toBeGreaterThan(xid);
  });
});

describe('the Postgres event store and the horizon', () => {
  const event = (id: string) => ({ id, type: 'Probed', data: { id } });

  it('reads events appended while an older transaction that writes no events is still open', async () => {
    const writer = await transaction();
    await writer.query('INSERT INTO horizon_probe VALUES (3)');
    await store.appendToStream('probe-a', [event('a-1')]);
    await store.appendToStreams([{ streamName: 'probe-b', events: [event('b-1')] }]);
    const read = await store.readAll({ filter: { streamPrefixes: ['probe-'] } });
    expect(read.map((e) => e.id)).toEqual(['a-1', 'b-1']);
  });

  it('holds back events behind an es_append transaction that has not committed', async () => {
    const appender = await transaction();
    const { rows } = await appender.query<{ tx: string }>(
      `SELECT tx FROM es_append('probe-c', -1, '[{"id":"c-1","rev":0,"type":"Probed","data":{},"metadata":{}}]'::json, 1, now(), 'x')`,
    );
    expect(BigInt(await appendHorizon(pool))).toBe(BigInt(rows[0].tx));
    await store.appendToStream('probe-d', [event('d-1')]);
    expect((await store.readAll({ filter: { streamPrefixes: ['probe-c', 'probe-d'] } })).map((e) => e.id)).toEqual([]);
    await appender.query('COMMIT');
    await appender.query('BEGIN');
    expect((await store.readAll({ filter: { streamPrefixes: ['probe-c', 'probe-d'] } })).map((e) => e.id)).toEqual(['c-1', 'd-1']);
  });

  it('marks a multi-stream append as an appender while it writes', async () => {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    try {
      await admin.query(`CREATE FUNCTION probe_slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.stream_name = 'probe-slow' THEN PERFORM pg_sleep(1.5); END IF; RETURN NEW; END $$`);
      await admin.query('CREATE TRIGGER probe_slow BEFORE INSERT ON es_events FOR EACH ROW EXECUTE FUNCTION probe_slow_insert()');
      const slow = store.appendToStreams([{ streamName: 'probe-slow', events: [event('slow-1')] }]);
      const running = await eventuallyXid(`SELECT backend_xid::text AS xid FROM pg_stat_activity WHERE query LIKE '%INSERT INTO es_events%' AND backend_xid IS NOT NULL`);
      expect(BigInt(await appendHorizon(pool)) % 4294967296n).toBe(running);
      await slow;
      expect(BigInt(await appendHorizon(pool)) % 4294967296n).not.toBe(running);
    } finally {
      await admin.query('DROP TRIGGER IF EXISTS probe_slow ON es_events');
      await admin.end();
    }
  });
});

async function eventuallyXid(sql: string): Promise<bigint> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { rows } = await pool.query<{ xid: string }>(sql);
    if (rows.length === 1) return BigInt(rows[0].xid);
    if (Date.now() > deadline) throw new Error('The slow append never started writing');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
