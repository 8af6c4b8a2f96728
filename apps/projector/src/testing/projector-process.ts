import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

export interface ProjectorProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  /** Resolves once its output contains `text`; rejects if it exits or `timeoutMs` passes first. */
  printed(text: string, timeoutMs?: number): Promise<void>;
}

const started: ChildProcess[] = [];

/** The projector as `node -r register main.ts` runs it, on the given database. */
export function startProjector(databaseUrl: string, env: Record<string, string> = {}): ProjectorProcess {
  const child = spawn(process.execPath, ['-r', './tools/scripts/register.cjs', join('apps', 'projector', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...env },
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const printed = async (text: string, timeoutMs = 30_000) => {
    for (const deadline = Date.now() + timeoutMs; !output.includes(text); await new Promise((r) => setTimeout(r, 50))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The projector exited before printing "${text}":\n${output}`);
      if (Date.now() > deadline) throw new Error(`The projector did not print "${text}" within ${timeoutMs} ms:\n${output}`);
    }
  };
  return { child, output: () => output, exited, printed };
}

/** For afterAll: no projector outlives its test file. */
export function killProjectors(): void {
  for (const child of started.splice(0)) child.kill('SIGKILL');
}
