import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { activityFeedProjection, runProjection, type RunningProjection, statsProjection } from '@trailmark/projections';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import type { LiveBatch } from './live-batch';
import { type RunningPublisher, startLivePublisher } from './live-publisher';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let projections: RunningProjection[];
const publishers: RunningPublisher[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 12);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  projections = [activityFeedProjection, statsProjection].map((projection) => runProjection(store, pool, projection, { retryMs: 50 }));
}, 60_000);

afterEach(async () => {
  await Promise.all(publishers.splice(0).map((publisher) => publisher.stop()));
});

afterAll(async () => {
  await Promise.all(projections.map((projection) => projection.stop()));
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function publisher(options: { exclusive?: boolean; heartbeatMs?: number; failFirst?: number } = {}) {
  const batches: LiveBatch[] = [];
  let failures = options.failFirst ?? 0;
  const running = startLivePublisher({
    pool,
    exclusive: options.exclusive ?? false,
    heartbeatMs: options.heartbeatMs ?? 10_000,
    retryMs: 100,
    send: (batch) => {
      batches.push(batch);
      if (batch.items.length > 0 && failures-- > 0) throw new Error('Redis is away');
    },
  });
  publishers.push(running);
  return { running, batches };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); await sleep(25)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
  }
}

async function tickets(workspaceId: string, count: number): Promise<void> {
  const metadata = { workspaceId, layer: 'workspace', actor: { kind: 'host_actor', id: 'agent-7', name: 'Grace' }, result: 'success', occurredAt: new Date().toISOString() };
  for (let i = 0; i < count; i += 1) {
    const recordId = randomUUID();
    await store.appendToStream(`ticket-${workspaceId}.${recordId}`, [{ id: randomUUID(), type: 'TicketCreated', data: { recordType: 'ticket', recordId }, metadata }]);
  }
}

async function feedRows(after: string): Promise<Array<[string, string]>> {
  const { rows } = await pool.query<{ position: string; workspace_id: string }>('SELECT position, workspace_id FROM activity_feed WHERE position > $1 ORDER BY position', [after]);
  return rows.map((row) => [row.workspace_id, row.position]);
}

const chained = (batches: LiveBatch[]) => batches.slice(1).every((batch, i) => batch.prev === batches[i].last);
const published = (batches: LiveBatch[]) => batches.flatMap((batch) => batch.items.map(({ workspaceId, item }): [string, string] => [workspaceId, item.position]));

describe('the live publisher', () => {
  it('sends every committed feed row once, in position order, in chained batches that follow the stats checkpoint', async () => {
    const { batches } = publisher();
    await until('the first batch', () => batches.length === 1);
    const [first] = batches;
    // A fresh database: nothing projected yet.
    expect(first).toEqual({ prev: null, last: '', items: [], statsAt: null });

    await Promise.all([tickets('ws-a', 12), tickets('ws-b', 8)]);
    await until('twenty rows', () => published(batches).length >= 20);
    const last = batches.at(-1)!.last;
    await until('the stats checkpoint', () => batches.at(-1)!.statsAt === last);

    expect(published(batches)).toEqual(await feedRows(first.last));
    expect(new Set(published(batches).map(([workspaceId]) => workspaceId))).toEqual(new Set(['ws-a', 'ws-b']));
    expect(chained(batches)).toBe(true);
    expect(batches.find((batch) => batch.items.length > 0)!.items[0]).toMatchObject({ item: { type: 'TicketCreated', label: 'Created ticket', record: { type: 'ticket' } } });
  });

  it('keeps the chain going past a failed send, so nodes see what they missed', async () => {
    const { batches } = publisher({ failFirst: 1 });
    await until('the first batch', () => batches.length === 1);
    await tickets('ws-a', 1);
    await until('a batch with an item', () => published(batches).length === 1);
    await tickets('ws-a', 1);
    await until('a second one', () => published(batches).length === 2);
    expect(chained(batches)).toBe(true);
  });

  it('sends a heartbeat when nothing moves', async () => {
    const { batches } = publisher({ heartbeatMs: 150 });
    await sleep(700);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.every((batch) => batch.items.length === 0)).toBe(true);
    expect(chained(batches)).toBe(true);
  });

  it('publishes from one process at a time when exclusive; a standby takes over with a new chain', async () => {
    const first = publisher({ exclusive: true });
    await until('the first to be active', () => first.running.isActive());
    const second = publisher({ exclusive: true });
    await sleep(400);
    expect(second.running.isActive()).toBe(false);
    expect(second.batches).toEqual([]);

    await first.running.stop();
    await until('the standby to take over', () => second.running.isActive());
    await until('its first batch', () => second.batches.length > 0);
    expect(second.batches[0]).toMatchObject({ prev: null, items: [] });
    await tickets('ws-c', 2);
    await until('two rows', () => published(second.batches).length === 2);
    expect(published(second.batches).map(([workspaceId]) => workspaceId)).toEqual(['ws-c', 'ws-c']);
  });
});
