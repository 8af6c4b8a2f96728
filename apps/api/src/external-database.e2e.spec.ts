import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTestPostgres, type TestPostgres } from '@trailmark/testing';
import { Client } from 'pg';
import { type ApiProcess, expectExitCode, spawnApi, waitForHealthy } from './testing/api-process';

jest.setTimeout(60_000);

let postgres: TestPostgres;
let dataDir: string;
const apis: ApiProcess[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres({ migrate: false });
  dataDir = await mkdtemp(join(tmpdir(), 'trailmark-api-external-'));
});

afterAll(async () => {
  for (const api of apis.filter(({ child }) => child.exitCode === null && child.signalCode === null)) {
    api.child.kill('SIGKILL');
    await api.exited;
  }
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('api on an external Postgres (DATABASE_URL)', () => {
  it('lets two processes start together, migrating once, and leaves the database running when they stop', async () => {
    const env = async () => ({ PORT: String(await freePort()), HOST: '127.0.0.1', DATABASE_URL: postgres.url, TRAILMARK_DATA_DIR: dataDir });
    apis.push(spawnApi(await env()), spawnApi(await env()));

    const reports = await Promise.all(apis.map((api) => waitForHealthy(api)));

    expect(reports).toEqual([
      expect.objectContaining({ status: 'ok', database: 'external', eventStore: 'postgres' }),
      expect.objectContaining({ status: 'ok', database: 'external', eventStore: 'postgres' }),
    ]);
    expect(await query('SELECT name FROM typeorm_migrations GROUP BY name HAVING count(*) > 1')).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);

    apis.forEach((api) => api.child.kill('SIGTERM'));
    await Promise.all(apis.map((api) => expectExitCode(api, 0)));
    expect(await query('SELECT 1 AS up')).toEqual([{ up: 1 }]);
  });
});

async function query(sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
