import { createPostgresEventStore, type EventStore, type Position } from '@trailmark/event-store';
import { ACTIVITY_FEED_PROJECTION, ALL_PROJECTIONS, DIRECTORY_PROJECTION, notificationReactors, projectionLags, readCheckpoint } from '@trailmark/projections';
import { freePort, startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { killProjectors, startProjector } from './testing/projector-process';
import { type Seeded, seedWorkspaces } from './testing/seed-workspaces';

/** Each projection holds its batch open once it has applied this many events: inside the second batch of 2,000. */
const HOLD_AFTER = 2500;
const NOT_READ_MODELS = ['projection_checkpoints', 'typeorm_migrations'];

let postgres: TestPostgres;
let seeded: Seeded;
interface Database {
  url: string;
  pool: Pool;
  store: EventStore;
}
/** The database the projector is killed on, and its clone that a projector runs through without interruption. */
const db = new Map<'crashed' | 'uninterrupted', Database>();

beforeAll(async () => {
  postgres = await startTestPostgres();
  const seedPool = testPool(postgres.url);
  const seedStore = createPostgresEventStore(seedPool);
  seeded = await seedWorkspaces(seedStore, { users: 40, workspaces: 3, memberEvents: 3000, ticketEvents: 1400 });
  await seedStore.close();
  await seedPool.end();
  const uninterruptedUrl = postgres.url.replace(/\/trailmark$/, '/uninterrupted');
  await cloneDatabase('trailmark', 'uninterrupted');
  for (const [name, url] of [['crashed', postgres.url], ['uninterrupted', uninterruptedUrl]] as const) {
    const pool = testPool(url);
    db.set(name, { url, pool, store: createPostgresEventStore(pool, { pollIntervalMs: 200 }) });
  }
}, 120_000);

afterAll(async () => {
  killProjectors();
  for (const { pool, store } of db.values()) {
    await store.close();
    await pool.end();
  }
  await postgres?.stop();
});

/** Same events, same positions: a byte copy of the seeded database (it must have no other session while copied). */
async function cloneDatabase(from: string, to: string): Promise<void> {
  const admin = testPool(postgres.superuserUrl, 1);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${to} TEMPLATE ${from}`);
        return;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
}

async function caughtUp({ store, pool }: Database, timeoutMs = 90_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    // The notification reactors run in the projector too, and keep tables of their own.
    const lags = await projectionLags(store, pool, [...ALL_PROJECTIONS, ...notificationReactors(store, pool)], { timeoutMs: 20_000 });
    if (lags.every((lag) => lag.eventsBehind === 0)) return true;
  }
  return false;
}

const count = async (pool: Pool, sql: string, values: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, values)).rows[0].n);

/** Workspace events (the ones with a feed row) at or before a position. */
const feedEventsUpTo = (pool: Pool, position: Position) =>
  count(
    pool,
    `SELECT count(*) AS n FROM es_events WHERE metadata->>'workspaceId' <> 'platform'
     AND lpad(tx_id::text, 20, '0') || ':' || lpad(position::text, 20, '0') <= $1`,
    [position],
  );

/** Every table of the public schema but the event store, migrations and checkpoints (partitions through their parent). */
async function readModelTables(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname NOT LIKE 'es\\_%' AND c.relname <> ALL($1::text[])
     ORDER BY 1`,
    [NOT_READ_MODELS],
  );
  return rows.map((row) => row.name);
}

const rowsOf = async (pool: Pool, table: string) =>
  (await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t ORDER BY 1`)).rows.map((r) => r.row);

describe('a projector killed in the middle of a batch', () => {
  it('ends, once restarted, with the same read models as a projector that ran without interruption', async () => {
    const [crashed, uninterrupted] = [db.get('crashed'), db.get('uninterrupted')] as [Database, Database];
    const steady = startProjector(uninterrupted.url);
    const crashing = startProjector(crashed.url, { TRAILMARK_TEST_HOLD_BATCH_AFTER: String(HOLD_AFTER) });
    await crashing.printed(`Test hold: projection ${ACTIVITY_FEED_PROJECTION} keeps a batch`, 60_000);
    await crashing.printed(`Test hold: projection ${DIRECTORY_PROJECTION} keeps a batch`, 60_000);

    // In flight: batches applied inside open transactions, their rows not visible, the checkpoints short of the head.
    const open = await count(crashed.pool, `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'trailmark-projector' AND state = 'idle in transaction'`);
    expect(open).toBeGreaterThanOrEqual(2);
    const feedCheckpoint = (await readCheckpoint(crashed.pool, ACTIVITY_FEED_PROJECTION)) as Position;
    const committedFeed = await feedEventsUpTo(crashed.pool, feedCheckpoint);
    expect(committedFeed).toBeGreaterThan(0);
    expect(committedFeed).toBeLessThan(HOLD_AFTER);
    expect(await count(crashed.pool, 'SELECT count(*) AS n FROM activity_feed')).toBe(committedFeed);
    const directoryCheckpoint = await readCheckpoint(crashed.pool, DIRECTORY_PROJECTION);
    const [directoryLag] = await projectionLags(crashed.store, crashed.pool, ALL_PROJECTIONS.filter(({ name }) => name === DIRECTORY_PROJECTION));
    expect(directoryLag.eventsBehind).toBeGreaterThan(seeded.directoryEvents - HOLD_AFTER);

    crashing.child.kill('SIGKILL');
    await crashing.exited;
    expect(await readCheckpoint(crashed.pool, ACTIVITY_FEED_PROJECTION)).toBe(feedCheckpoint);
    expect(await readCheckpoint(crashed.pool, DIRECTORY_PROJECTION)).toBe(directoryCheckpoint);
    expect(await count(crashed.pool, 'SELECT count(*) AS n FROM activity_feed')).toBe(committedFeed);

    const port = await freePort();
    const restarted = startProjector(crashed.url, { TRAILMARK_PROJECTOR_HTTP_PORT: String(port), HOST: '127.0.0.1' });
    expect(await caughtUp(crashed)).toBe(true);
    expect(await caughtUp(uninterrupted)).toBe(true);
    expect(steady.output()).not.toContain('Test hold');

    const tables = await readModelTables(crashed.pool);
    expect(tables).toEqual(expect.arrayContaining(['activity_feed', 'directory_members', 'directory_users', 'directory_workspaces']));
    expect(await readModelTables(uninterrupted.pool)).toEqual(tables);
    for (const table of tables) {
      const [afterCrash, straight] = await Promise.all([rowsOf(crashed.pool, table), rowsOf(uninterrupted.pool, table)]);
      expect({ table, rows: afterCrash.length }).toEqual({ table, rows: straight.length });
      expect(afterCrash).toEqual(straight);
    }
    const checkpoints = 'SELECT projection, position FROM projection_checkpoints ORDER BY projection';
    expect((await crashed.pool.query(checkpoints)).rows).toEqual((await uninterrupted.pool.query(checkpoints)).rows);
    expect(await count(crashed.pool, 'SELECT count(*) AS n FROM activity_feed')).toBe(seeded.workspaceEvents);
    expect((await crashed.pool.query('SELECT workspace_id, user_id, role FROM directory_members ORDER BY workspace_id, user_id')).rows).toEqual(seeded.members);

    await restarted.printed(`Projector health and metrics on port ${port}`);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const { name } of ALL_PROJECTIONS) {
      expect(metrics).toContain(`trailmark_projection_lag_events{projection="${name}"} 0\n`);
      expect(metrics).toContain(`trailmark_projection_lag_ms{projection="${name}"} 0\n`);
      expect(metrics).toContain(`trailmark_projection_active{projection="${name}"} 1\n`);
    }
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', projections: ALL_PROJECTIONS.map(({ name }) => ({ name, eventsBehind: 0, active: true })) });

    for (const projector of [restarted, steady]) projector.child.kill('SIGTERM');
    expect(await Promise.all([restarted.exited, steady.exited])).toEqual([0, 0]);
  }, 240_000);
});
