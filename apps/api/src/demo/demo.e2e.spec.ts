import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CredentialsStore, ensureOwner } from '@trailmark/auth';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { PROJECTION_CONNECTIONS } from '@trailmark/projections';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../create-app';
import { callApi } from '../testing/api-call';
import { TEST_OWNER } from '../testing/test-api';
import { DEMO_ADMIN, DEMO_AGENT, type DemoSettings } from './demo-settings';

const HISTORY = 60;
let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let printed = '';

/** The API as `main` starts it with the demo on: listening, then the first owner. */
async function startApi(demo: DemoSettings): Promise<{ app: NestExpressApplication; url: string }> {
  const logger = pino({ level: 'silent' });
  const app = await createApp({ logger, pool, eventStore: store, info: { version: 'test', database: 'external' }, projections: { enabled: true }, demo });
  await app.listen(0, '127.0.0.1');
  await ensureOwner({ store, pool, credentials: app.get(CredentialsStore), logger, ...TEST_OWNER });
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

async function demoWorkspace(url: string): Promise<{ token: string; workspaceId: string }> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const login = await callApi(url, '/api/auth/login', { body: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password } });
    const workspace = login.body?.workspaces?.find((candidate: { name: string }) => candidate.name === 'Demo workspace');
    if (login.status === 200 && workspace) return { token: login.body.token, workspaceId: workspace.id };
  }
  throw new Error('The demo workspace did not appear');
}

/** Events the demo sent through ingestion to the workspace, and how many of them were its backfilled history. */
async function ingested(workspaceId: string): Promise<{ all: number; history: number; oldest: Date; newest: Date }> {
  const { rows } = await pool.query<{ all: number; history: number; oldest: string; newest: string }>(
    `SELECT count(*)::int AS all, count(*) FILTER (WHERE metadata->>'hostEventId' LIKE 'demo-history-%')::int AS history,
       min(metadata->>'occurredAt') AS oldest, max(metadata->>'occurredAt') FILTER (WHERE metadata->>'hostEventId' LIKE 'demo-history-%') AS newest
     FROM es_events WHERE metadata->>'workspaceId' = $1 AND metadata->>'source' = 'ingestion'`,
    [workspaceId],
  );
  return { ...rows[0], oldest: new Date(rows[0].oldest), newest: new Date(rows[0].newest) };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() > deadline) throw new Error('Timed out');
  }
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = createPgPool(postgres.url, pino({ level: 'silent' }), { max: 10 + PROJECTION_CONNECTIONS });
  store = createPostgresEventStore(pool, { pollIntervalMs: 200 });
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
}, 60_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

describe('the first-run demo', () => {
  let workspaceId: string;
  let token: string;

  it('seeds a demo workspace with its admin, an agent, a key and a week of history, and prints how to sign in', async () => {
    const started = Date.now();
    const { app, url } = await startApi({ enabled: true, rate: 0, history: HISTORY });
    try {
      ({ token, workspaceId } = await demoWorkspace(url));
      await until(() => printed.includes('Demo: open'));
      expect(printed).toBe(
        `\nDemo: open http://localhost:${new URL(url).port} and sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (an admin), ` +
          `or ${DEMO_AGENT.email} / ${DEMO_AGENT.password} (an agent).\n` +
          'A simulator adds 0 events a second to "Demo workspace". TRAILMARK_DEMO=off turns the demo off.\n\n',
      );
      const members = (await callApi(url, `/api/workspaces/${workspaceId}/members`, { token })).body as Array<{ email: string; role: string }>;
      expect(members.map(({ email, role }) => `${email} ${role}`).sort()).toEqual([`${DEMO_AGENT.email} agent`, `${DEMO_ADMIN.email} owner`]);
      const keys = (await callApi(url, `/api/workspaces/${workspaceId}/api-keys`, { token })).body as Array<{ name: string; revokedAt: string | null }>;
      expect(keys.map(({ name, revokedAt }) => [name, revokedAt])).toEqual([['Demo simulator', null]]);

      const sent = await ingested(workspaceId);
      expect([sent.all, sent.history]).toEqual([HISTORY, HISTORY]);
      expect(sent.oldest.getTime()).toBeGreaterThanOrEqual(started - 7 * 86_400_000 - 3_600_000);
      expect(sent.newest.getTime()).toBeLessThan(Date.now());
    } finally {
      await app.close();
    }
  }, 90_000);

  it('reuses the demo workspace on the next start: a fresh key, no second history, and the simulator running', async () => {
    printed = '';
    const { app, url } = await startApi({ enabled: true, rate: 20, history: HISTORY });
    try {
      await until(() => printed.includes('Demo: open'));
      const keys = (await callApi(url, `/api/workspaces/${workspaceId}/api-keys`, { token })).body as Array<{ name: string; revokedAt: string | null }>;
      expect(keys.map(({ name, revokedAt }) => [name, revokedAt === null])).toEqual([
        ['Demo simulator', false],
        ['Demo simulator', true],
      ]);
      expect((await callApi(url, '/api/auth/login', { body: DEMO_ADMIN })).body.workspaces.map(({ name }: { name: string }) => name)).toEqual(['Demo workspace']);
      await until(async () => (await ingested(workspaceId)).all >= HISTORY + 10);
      expect((await ingested(workspaceId)).history).toBe(HISTORY);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('does nothing with TRAILMARK_DEMO=off', async () => {
    printed = '';
    const { app, url } = await startApi({ enabled: false, rate: 20, history: HISTORY });
    try {
      const before = await ingested(workspaceId);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(printed).toBe('');
      expect((await ingested(workspaceId)).all).toBe(before.all);
      expect((await callApi(url, `/api/workspaces/${workspaceId}/api-keys`, { token })).body).toHaveLength(2);
    } finally {
      await app.close();
    }
  }, 60_000);
});
