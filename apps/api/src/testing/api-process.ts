import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs `apps/api/src/main.ts` exactly as `npm start` does, with the given environment on top of ours. */
export function spawnApi(env: Record<string, string>): ApiProcess {
  const child = spawn(process.execPath, ['-r', './tools/scripts/register.cjs', join('apps', 'api', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', TRAILMARK_DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, baseUrl: `http://127.0.0.1:${env['PORT']}`, output: () => output, exited };
}

export interface Answer {
  status: number;
  body: unknown;
}

/** Polls GET `path` until the status is accepted; fails with the process output when it exits or time runs out. */
export async function waitForAnswer(
  api: ApiProcess,
  path: string,
  accept: (status: number) => boolean,
  timeoutMs = 45_000,
): Promise<Answer> {
  let exitCode: number | null | undefined;
  void api.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && exitCode === undefined) {
    try {
      const response = await fetch(`${api.baseUrl}${path}`);
      if (accept(response.status)) {
        return { status: response.status, body: await response.json() };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`no accepted answer from ${path} (exit code ${exitCode}); output:\n${api.output()}`);
}

/** The /health report once it is 200. */
export async function waitForHealthy(api: ApiProcess): Promise<unknown> {
  return (await waitForAnswer(api, '/health', (status) => status === 200)).body;
}

/** Waits for the process to end and fails, showing its output, unless it exited with `expected`. */
export async function expectExitCode(api: ApiProcess, expected: number): Promise<void> {
  const code = await api.exited;
  if (code !== expected) {
    throw new Error(`expected exit code ${expected}, got ${code}; output:\n${api.output()}`);
  }
}
