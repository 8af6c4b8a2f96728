import { PLATFORM, streams, SYSTEM_ACTOR } from '@trailmark/contracts';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { directoryProjection, runProjection, type RunningProjection } from '@trailmark/projections';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { CredentialsStore } from './credentials.store';
import { DEFAULT_OWNER_EMAIL, ensureOwner } from './ensure-owner';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let projection: RunningProjection;
let credentials: CredentialsStore;
const logged: string[] = [];
const logger = { info: (message: string) => logged.push(message), warn: (message: string) => logged.push(message) };

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 20);
  // pool.end() resolves before its clients have disconnected: Postgres stopping right after must not be an unhandled error.
  pool.on('error', () => undefined);
  store = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  projection = runProjection(store, pool, directoryProjection, { retryMs: 50 });
  credentials = new CredentialsStore(pool);
}, 60_000);

afterAll(async () => {
  await projection?.stop();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const count = async (type: string) => (await store.readAll({ filter: { eventTypes: [type] } })).length;

describe('ensureOwner', () => {
  it('refuses an owner email or password from the environment that would not work', async () => {
    await expect(ensureOwner({ store, pool, credentials, logger, email: 'not-an-email' })).rejects.toThrow(/TRAILMARK_OWNER_EMAIL/);
    await expect(ensureOwner({ store, pool, credentials, logger, password: 'short' })).rejects.toThrow(/at least 10 characters/);
    expect(await count('UserRegistered')).toBe(0);
  });

  it('creates exactly one owner, a platform admin, and workspace on a first start, even with several processes starting together', async () => {
    const results = await Promise.all(Array.from({ length: 3 }, () => ensureOwner({ store, pool, credentials, logger })));
    const created = results.filter((result) => result !== undefined);
    expect(created).toHaveLength(1);
    const [owner] = created;
    expect(owner).toMatchObject({ email: DEFAULT_OWNER_EMAIL, password: expect.stringMatching(/^[A-Za-z2-9]{20}$/) });
    expect(await credentials.verify(owner!.userId, owner!.password!)).toBe(true);
    expect(await count('UserRegistered')).toBe(1);
    expect(await count('WorkspaceCreated')).toBe(1);
    const { rows } = await pool.query('SELECT workspace_id, user_id, role FROM directory_members');
    expect(rows).toEqual([{ workspace_id: owner!.workspaceId, user_id: owner!.userId, role: 'owner' }]);
    const [granted, ...others] = await store.readAll({ filter: { eventTypes: ['PlatformAdminGranted'] } });
    expect(others).toEqual([]);
    expect(granted).toMatchObject({
      streamName: streams.user(owner!.userId),
      data: { userId: owner!.userId },
      metadata: { layer: 'platform', workspaceId: PLATFORM, actor: SYSTEM_ACTOR },
    });
    const admins = await pool.query('SELECT user_id FROM directory_users WHERE platform_admin');
    expect(admins.rows).toEqual([{ user_id: owner!.userId }]);
    expect(logged.join('\n')).not.toContain(owner!.password);
  });

  it('does nothing on a later start', async () => {
    expect(await ensureOwner({ store, pool, credentials, logger, email: 'someone@example.com', password: 'a long password' })).toBeUndefined();
    expect(await count('UserRegistered')).toBe(1);
    expect(await count('WorkspaceCreated')).toBe(1);
  });
});
