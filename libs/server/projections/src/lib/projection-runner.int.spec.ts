import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { waitForCheckpoint } from './checkpoints';
import { DIRECTORY_PROJECTION, directoryProjection } from './directory/directory.projection';
import type { Projection } from './projection';
import { runProjection, type RunningProjection } from './projection-runner';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
const running: RunningProjection[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 20);
  pool.on('error', () => undefined);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  await pool.query('CREATE TABLE seen (event_id text PRIMARY KEY, n int NOT NULL)');
}, 60_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map((projection) => projection.stop()));
});

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const start = (projection: Projection, options = {}) => {
  const run = runProjection(store, pool, projection, { retryMs: 50, ...options });
  running.push(run);
  return run;
};

/** Records each event once; a second delivery would violate the primary key and fail the batch. */
function seenProjection(name: string, category: string, failOnce?: { atN: number }): Projection {
  return {
    name,
    filter: { streamPrefixes: [`${category}-`] },
    async apply(client, events) {
      for (const event of events) {
        const n = (event.data as { n: number }).n;
        await client.query('INSERT INTO seen (event_id, n) VALUES ($1, $2)', [event.id, n]);
        if (failOnce && n === failOnce.atN) {
          failOnce = undefined;
          throw new Error('projector died in the middle of a batch');
        }
      }
    },
  };
}

async function appendNumbered(category: string, count: number, from = 0) {
  let last;
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, k) => ({ id: randomUUID(), type: 'Numbered', data: { n: from + i + k } }));
    last = await store.appendToStream(`${category}-ws1.s${i % 3}`, batch);
  }
  if (!last) throw new Error('nothing appended');
  return last.position;
}

const seenNumbers = async (category: string) =>
  (await pool.query<{ n: number }>(`SELECT s.n FROM seen s JOIN es_events e ON e.event_id = s.event_id WHERE e.stream_name LIKE $1 ORDER BY s.n`, [`${category}-%`])).rows.map((r) => r.n);

describe('projection runner', () => {
  it('projects users, platform admins, workspaces, members and API keys into the directory', async () => {
    start(directoryProjection);
    const ws = `ws${randomUUID().slice(0, 8)}`;
    await store.appendToStream(`user-platform.u1${ws}`, [
      { id: randomUUID(), type: 'UserRegistered', data: { userId: `u1${ws}`, email: `Ada+${ws}@Example.com`, displayName: 'Ada' } },
      { id: randomUUID(), type: 'PlatformAdminGranted', data: { userId: `u1${ws}` } },
    ]);
    await store.appendToStream(`workspace-${ws}.${ws}`, [
      { id: randomUUID(), type: 'WorkspaceCreated', data: { workspaceId: ws, name: 'Acme', owner: { userId: `u1${ws}`, email: 'ada@example.com' }, settings: {} } },
      { id: randomUUID(), type: 'MemberJoined', data: { workspaceId: ws, invitationId: 'i1', userId: 'u2', email: 'bob@example.com', role: 'agent' } },
      { id: randomUUID(), type: 'MemberRoleChanged', data: { workspaceId: ws, userId: 'u2', previousRole: 'agent', role: 'admin' } },
      { id: randomUUID(), type: 'WorkspaceRenamed', data: { workspaceId: ws, previousName: 'Acme', name: 'Acme Inc' } },
    ]);
    const last = await store.appendToStream(`apikey-${ws}.k1`, [
      { id: randomUUID(), type: 'ApiKeyCreated', data: { apiKeyId: `k1${ws}`, workspaceId: ws, name: 'ci', prefix: 'tmk_abc', keyHash: 'h' } },
      { id: randomUUID(), type: 'ApiKeyRevoked', data: { apiKeyId: `k1${ws}` } },
    ]);
    expect(await waitForCheckpoint(pool, DIRECTORY_PROJECTION, last.position)).toBe(true);

    const members = await pool.query('SELECT user_id, role FROM directory_members WHERE workspace_id = $1 ORDER BY role', [ws]);
    expect(members.rows).toEqual([{ user_id: 'u2', role: 'admin' }, { user_id: `u1${ws}`, role: 'owner' }]);
    const workspace = await pool.query('SELECT name FROM directory_workspaces WHERE workspace_id = $1', [ws]);
    expect(workspace.rows).toEqual([{ name: 'Acme Inc' }]);
    const user = await pool.query('SELECT user_id, platform_admin FROM directory_users WHERE lower(email) = lower($1)', [`ada+${ws}@example.com`]);
    expect(user.rows).toEqual([{ user_id: `u1${ws}`, platform_admin: true }]);
    const key = await pool.query('SELECT revoked_at IS NOT NULL AS revoked FROM directory_api_keys WHERE api_key_id = $1', [`k1${ws}`]);
    expect(key.rows).toEqual([{ revoked: true }]);
  });

  it('ends with the same read model as an uninterrupted run when the projector dies in the middle of a batch', async () => {
    const category = `crash${randomUUID().slice(0, 6)}`;
    const last = await appendNumbered(category, 1000);
    start(seenProjection(`crash-${category}`, category, { atN: 437 }), { batchSize: 100 });
    expect(await waitForCheckpoint(pool, `crash-${category}`, last, 20_000)).toBe(true);
    expect(await seenNumbers(category)).toEqual(Array.from({ length: 1000 }, (_, n) => n));
  }, 30_000);

  it('retries a batch that failed even when no later event arrives to wake it', async () => {
    const category = `idle${randomUUID().slice(0, 6)}`;
    const last = await appendNumbered(category, 50);
    start(seenProjection(`idle-${category}`, category, { atN: 49 }));
    expect(await waitForCheckpoint(pool, `idle-${category}`, last, 5_000)).toBe(true);
    expect(await seenNumbers(category)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  }, 30_000);

  it('keeps one active runner per projection; a standby takes over when it stops', async () => {
    const category = `standby${randomUUID().slice(0, 6)}`;
    const name = `standby-${category}`;
    const first = start(seenProjection(name, category));
    const second = start(seenProjection(name, category));
    const halfway = await appendNumbered(category, 300);
    expect(await waitForCheckpoint(pool, name, halfway)).toBe(true);
    expect([first.isActive(), second.isActive()].filter(Boolean)).toHaveLength(1);

    const [active, standby] = first.isActive() ? [first, second] : [second, first];
    await active.stop();
    const end = await appendNumbered(category, 300, 300);
    expect(await waitForCheckpoint(pool, name, end, 10_000)).toBe(true);
    expect(standby.isActive()).toBe(true);
    expect(await seenNumbers(category)).toEqual(Array.from({ length: 600 }, (_, n) => n));
  }, 30_000);
});

describe('projection batching', () => {
  it("reads new events at most once per the projection's read interval, so what arrives meanwhile lands in one batch", async () => {
    const category = `interval${randomUUID().slice(0, 8)}`;
    const name = `interval-${category}`;
    const batches: number[] = [];
    start({
      name,
      filter: { streamPrefixes: [`${category}-`] },
      readIntervalMs: 1500,
      async apply(_client, events) {
        batches.push(events.length);
      },
    });
    const first = await appendNumbered(category, 1);
    expect(await waitForCheckpoint(pool, name, first, 10_000)).toBe(true);
    await appendNumbered(category, 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = await appendNumbered(category, 1, 2);

    expect(await waitForCheckpoint(pool, name, last, 10_000)).toBe(true);
    expect(batches).toEqual([1, 2]);
  });
});

describe('projection checkpoints', () => {
  it('announces only the checkpoints the live publisher follows', async () => {
    const listener = await pool.connect();
    const payloads: string[] = [];
    listener.on('notification', (message) => payloads.push(message.payload ?? ''));
    await listener.query('LISTEN trailmark_checkpoints');
    try {
      const position = await appendNumbered(`announce${randomUUID().slice(0, 8)}`, 1);
      for (const projection of ['directory', 'record-timeline', 'activity-feed', 'stats']) {
        await pool.query(
          `INSERT INTO projection_checkpoints (projection, position) VALUES ($1, $2)
           ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
          [projection, position],
        );
      }
      await listener.query('SELECT 1');
      expect(payloads).toEqual(['activity-feed', 'stats']);
    } finally {
      await listener.query('UNLISTEN *');
      listener.release();
    }
  });
});

describe('projection runner shutdown', () => {
  it('stops promptly when stopped while it is still starting', async () => {
    for (let i = 0; i < 5; i += 1) {
      const run = runProjection(store, pool, seenProjection(`early-stop-${i}`, `early${i}`), { retryMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, i * 3));
      const stopped = await Promise.race([run.stop().then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 3000))]);
      expect(stopped).toBe(true);
    }
  });
});
