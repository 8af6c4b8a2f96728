import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { openDatabase } from './runtime-database';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const REGISTER = resolve(__dirname, '../../../../../tools/scripts/register.cjs');

let dataDir: string;
let child: ChildProcess;
let embeddedUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trailmark-runtime-db-'));
  // Run as root, Postgres runs as the `postgres` user and must reach its directory inside.
  await chmod(dataDir, 0o755);
  child = spawn(process.execPath, ['-r', REGISTER, join(__dirname, 'runtime-database.fixture.ts'), dataDir, String(await unusedPort())]);
  embeddedUrl = await firstLine(child);
}, 60_000);

afterAll(async () => {
  if (child?.exitCode === null) {
    child.stdin?.end();
    await new Promise((done) => child.once('exit', done));
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('starts the embedded Postgres in <dataDir>/postgres with every migration applied', async () => {
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    expect(await query(embeddedUrl, "SELECT to_regclass('es_events') IS NOT NULL AS migrated")).toEqual([{ migrated: true }]);
  });

  it('migrates an external database once when several processes start together', async () => {
    await query(embeddedUrl, 'CREATE DATABASE fresh');
    const freshUrl = embeddedUrl.replace(/\/trailmark$/, '/fresh');

    const opened = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: freshUrl, dataDir: '/nonexistent', embeddedPostgresPort: 1 }, quiet)),
    );

    expect(opened.map(({ kind, url }) => ({ kind, url }))).toEqual(Array(3).fill({ kind: 'external', url: freshUrl }));
    expect(await query(freshUrl, 'SELECT name FROM typeorm_migrations GROUP BY name HAVING count(*) > 1')).toEqual([]);
    await Promise.all(opened.map((database) => database.stop()));
    expect(await query(freshUrl, 'SELECT 1 AS up')).toEqual([{ up: 1 }]);
  });

  it('stops the embedded Postgres and leaves no lock behind', async () => {
    child.stdin?.end();
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function firstLine(process: ChildProcess): Promise<string> {
  let stderr = '';
  process.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolveLine, reject) => {
    createInterface({ input: process.stdout! }).once('line', resolveLine);
    process.once('exit', (code) => reject(new Error(`fixture exited with ${code}: ${stderr}`)));
  });
}

/** A port nothing listens on (`freePort` of @trailmark/testing is out of reach: that library depends on this one). */
function unusedPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.once('error', reject);
  });
}
