import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore } from '@trailmark/event-store';
import { ALL_PROJECTIONS } from '@trailmark/projections';
import { freePort } from '@trailmark/testing';
import { type ApiProcess, expectExitCode, spawnApi, waitForAnswer, waitForHealthy } from './testing/api-process';

jest.setTimeout(90_000);

let dataDir: string;
let env: Record<string, string>;
let api: ApiProcess | undefined;

const postmasterPid = () => join(dataDir, 'postgres', 'postmaster.pid');
const embeddedUrl = () => `postgres://postgres:trailmark@127.0.0.1:${env['TRAILMARK_EMBEDDED_PG_PORT']}/trailmark`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trailmark-api-e2e-'));
  // Run as root, Postgres runs as the `postgres` user and must reach its directory inside.
  await chmod(dataDir, 0o755);
  env = {
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    TRAILMARK_DATA_DIR: dataDir,
    TRAILMARK_EMBEDDED_PG_PORT: String(await freePort()),
  };
});

afterEach(async () => {
  if (api && api.child.exitCode === null && api.child.signalCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  api = undefined;
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('api on the embedded defaults', () => {
  it('starts an embedded Postgres and reports health', async () => {
    api = spawnApi(env);
    const health = (await waitForHealthy(api)) as { projections: Array<{ name: string; active: boolean | null }> };
    expect(health).toEqual({
      status: 'ok',
      eventStore: 'postgres',
      database: 'embedded',
      uptimeSeconds: expect.any(Number),
      version: expect.any(String),
      checks: { database: 'up', eventStore: 'up' },
      lagDegradedMs: 30_000,
      projections: expect.any(Array),
    });
    // Every projection runs in this process, which can tell whether it holds each one's lock.
    expect(health.projections.map(({ name }) => name).sort()).toEqual(ALL_PROJECTIONS.map(({ name }) => name).sort());
    expect(health.projections.map(({ active }) => typeof active)).toEqual(ALL_PROJECTIONS.map(() => 'boolean'));
    expect(api.output()).toContain(`Trailmark listening on http://localhost:${env['PORT']}`);
    expect(existsSync(postmasterPid())).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    api = spawnApi(env);
    await waitForHealthy(api);
    const response = await fetch(`${api.baseUrl}/api/docs-json`);
    const document = await response.json();
    expect(response.status).toBe(200);
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths['/health']).toBeDefined();
    expect((await fetch(`${api.baseUrl}/api/docs`)).status).toBe(200);
  });

  it('answers malformed and oversized bodies with 400 and 413, never 500', async () => {
    api = spawnApi(env);
    await waitForHealthy(api);
    const post = (body: string) =>
      fetch(`${api!.baseUrl}/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const malformed = await post('{"name": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('Request body is not valid JSON'),
    });

    const oversized = await post(JSON.stringify({ blob: 'x'.repeat(200_000) }));
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).message).toContain('larger than the limit');

    expect((await fetch(`${api.baseUrl}/health/%E0%A4%A`)).status).toBe(400);
  });

  it('stops cleanly on SIGTERM, stopping Postgres, and keeps the data for the next start', async () => {
    api = spawnApi(env);
    await waitForHealthy(api);
    const streamName = `e2e-${randomUUID()}`;
    await withEventStore((store) => store.appendToStream(streamName, [{ id: randomUUID(), type: 'Marked', data: {} }]));

    api.child.kill('SIGTERM');
    await expectExitCode(api, 0);
    expect(api.output()).toContain('Closed the embedded Postgres');
    expect(existsSync(postmasterPid())).toBe(false);

    api = spawnApi(env);
    expect(await waitForHealthy(api)).toMatchObject({ status: 'ok' });
    const events = await withEventStore((store) => store.readStream(streamName));
    expect(events.map((event) => event.type)).toEqual(['Marked']);
  });

  it('shuts down once when SIGTERM and SIGINT both arrive', async () => {
    api = spawnApi(env);
    await waitForHealthy(api);
    api.child.kill('SIGTERM');
    api.child.kill('SIGINT');
    await expectExitCode(api, 0);
    expect(api.output().match(/received, shutting down/g)).toHaveLength(1);
    expect(existsSync(postmasterPid())).toBe(false);
  });

  it('starts again after being killed with SIGKILL', async () => {
    api = spawnApi(env);
    await waitForHealthy(api);
    api.child.kill('SIGKILL');
    await api.exited;

    api = spawnApi(env);
    expect(await waitForHealthy(api)).toMatchObject({ status: 'ok' });
    expect(api.output()).toContain('left running by a previous run');
    api.child.kill('SIGTERM');
    await expectExitCode(api, 0);
    expect(existsSync(postmasterPid())).toBe(false);
  });
});

describe('api with EVENTSTORE_CONNECTION_STRING', () => {
  it('uses EventStoreDB as the event store and reports it down when unreachable', async () => {
    const unreachable = `esdb://127.0.0.1:${await freePort()}?tls=false`;
    api = spawnApi({ ...env, EVENTSTORE_CONNECTION_STRING: unreachable });
    const report = await waitForAnswer(api, '/health', (status) => status === 503);
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({
      status: 'degraded',
      eventStore: 'eventstoredb',
      database: 'embedded',
      checks: { database: 'up', eventStore: 'down' },
    });
    api.child.kill('SIGTERM');
    await expectExitCode(api, 0);
  });
});

describe('api configuration', () => {
  it('exits with a clear message and no stack trace when the configuration is invalid', async () => {
    api = spawnApi({ ...env, PORT: 'abc', DATABASE_URL: 'mysql://app:hunter2@db/trailmark' });
    await expectExitCode(api, 1);
    expect(api.output()).toContain('PORT: must be an integer between 1 and 65535 (got "abc")');
    expect(api.output()).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(api.output()).not.toContain('hunter2');
    expect(api.output()).not.toMatch(/^\s+at /m);
  });
});

async function withEventStore<T>(use: (store: ReturnType<typeof createPostgresEventStore>) => Promise<T>): Promise<T> {
  const pool = createPgPool(embeddedUrl(), { debug: () => undefined, info: () => undefined, warn: () => undefined });
  const store = createPostgresEventStore(pool);
  try {
    return await use(store);
  } finally {
    await store.close();
    await pool.end();
  }
}
