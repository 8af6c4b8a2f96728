import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { migrate } from '@trailmark/database';

export interface TestPostgres {
  url: string;
  /** Connection string of the cluster's `postgres` database (same superuser). */
  superuserUrl: string;
  stop(): Promise<void>;
}

export const REPO_ROOT = resolve(__dirname, '../../../../..');
export const READY = 'trailmark-test-postgres-ready ';
const REGISTER = join(REPO_ROOT, 'tools/scripts/register.cjs');

/**
 * A throwaway Postgres cluster for one test file, migrated and ready: real
 * Postgres from the embedded binaries, run by a child process that stops it
 * even if the test process dies. `stop()` deletes its data.
 */
export async function startTestPostgres(options: { migrate?: boolean } = {}): Promise<TestPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trailmark-pg-'));
  const { child, url } = await startWithFreePort(dataDir);
  if (options.migrate !== false) {
    await migrate(url);
  }
  return {
    url,
    superuserUrl: url.replace(/\/trailmark$/, '/postgres'),
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin?.end();
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function startWithFreePort(dataDir: string, attempts = 3): Promise<{ child: ChildProcess; url: string }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await spawnCluster(dataDir, await freePort());
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

function spawnCluster(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', REGISTER, join(__dirname, 'postgres-process.ts'), dataDir, String(port)]);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => line.startsWith(READY) && resolvePromise({ child, url: JSON.parse(line.slice(READY.length)).url }));
    child.once('exit', (code) => reject(new Error(`Test Postgres exited with ${code}: ${stderr.trim()}`)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no free port'))));
    });
  });
}
