import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './test-postgres';

export interface TestRedis {
  url: string;
  /** Stops the server (its data is gone: nothing is saved). */
  stop(): Promise<void>;
  /** Starts an empty server again on the same port. */
  start(): Promise<void>;
}

/**
 * A real `redis-server` on a free loopback port, saving nothing. A shell
 * between us and it stops it when our end of its stdin closes, so it never
 * outlives the test process.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      child = spawn('sh', ['-c', 'redis-server "$@" & pid=$!; cat > /dev/null; kill $pid; wait $pid', 'sh', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      exited = new Promise((done) => child?.once('exit', done));
      await ready(child);
    },
    async stop() {
      child?.stdin?.end();
      await exited;
    },
  };
  await redis.start();
  return redis;
}

function ready(child: ChildProcess): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}
