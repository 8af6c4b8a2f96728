import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostmasterRunning, releaseStalePostmaster } from './runtime-postmaster-lock';

const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn() };

let dataDir: string;
let socketDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trailmark-lock-'));
  socketDir = await mkdtemp(join(tmpdir(), 'trailmark-sock-'));
});

afterEach(async () => {
  children.splice(0).forEach((child) => child.kill('SIGKILL'));
  await rm(dataDir, { recursive: true, force: true });
  await rm(socketDir, { recursive: true, force: true });
});

/** postmaster.pid as Postgres writes it: pid, data dir, start time, port, socket dir, ... */
function writeLock(pid: number, port = 5999) {
  return writeFile(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n1700000000\n${port}\n${socketDir}\n127.0.0.1\n`);
}

/** A process that looks like this directory's postmaster: Node named `postgres`, with `-D <dataDir>` among its arguments. */
async function fakePostmaster(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', '-D', dataDir], { argv0: '/opt/pg/bin/postgres' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child;
}

/** The same, orphaned: its parent shell exits at once, as a killed `npm start` leaves its Postgres. */
function orphanedFakePostmaster(): number {
  const script = 'exec -a /opt/pg/bin/postgres "$0" -e "setInterval(() => {}, 1000)" -- -D "$1" >/dev/null 2>&1 & echo $!';
  return Number(execFileSync('bash', ['-c', script, process.execPath, dataDir], { encoding: 'utf8' }).trim());
}

function isAlive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('releaseStalePostmaster', () => {
  it('does nothing without a lock file', async () => {
    await releaseStalePostmaster(dataDir, logger);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('removes a lock whose postmaster is gone, with the socket lock it left', async () => {
    const pid = await deadPid();
    await writeLock(pid);
    await writeFile(join(socketDir, '.s.PGSQL.5999.lock'), `${pid}\n${dataDir}\n`);

    await releaseStalePostmaster(dataDir, logger);

    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(socketDir, '.s.PGSQL.5999.lock'))).toBe(false);
  });

  it('removes a lock whose pid now belongs to another program, keeping other clusters’ socket locks', async () => {
    await writeLock(process.pid);
    await writeFile(join(socketDir, '.s.PGSQL.5999.lock'), `12345\n/elsewhere\n`);

    await releaseStalePostmaster(dataDir, logger);

    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(socketDir, '.s.PGSQL.5999.lock'))).toBe(true);
  });

  it('stops a postmaster orphaned by a killed run', async () => {
    const pid = orphanedFakePostmaster();
    await writeLock(pid);
    // The background shell may not have exec'd into the fake postmaster yet.
    await eventually(() => isPostmasterRunning(dataDir));

    await releaseStalePostmaster(dataDir, logger);

    // An exiting process drops its command line a moment before it is a zombie.
    await eventually(() => !isAlive(pid));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(`Stopping the Postgres (pid ${pid}) left running`));
  });

  it('refuses to touch a postmaster that a live Node process still owns', async () => {
    const child = await fakePostmaster();
    await writeLock(child.pid!);

    expect(isPostmasterRunning(dataDir)).toBe(true);
    await expect(releaseStalePostmaster(dataDir, logger)).rejects.toThrow(/in use by the Postgres .* of another running process/);
    expect(child.exitCode).toBeNull();
  });
});
