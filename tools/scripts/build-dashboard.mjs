// Builds the dashboard (apps/dashboard → apps/dashboard/dist) with Vite's JS
// API when the build is missing or older than its sources, so `npm start`
// always serves the current one; `--force` builds anyway. A lock keeps two
// callers (parallel test files, a start during a test run) from building into
// the same directory at once.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const app = join(root, 'apps/dashboard');
const built = join(app, 'dist/index.html');
const sources = [join(app, 'src'), join(app, 'index.html'), join(app, 'vite.config.mts'), join(root, 'libs/shared/contracts/src')];
const lock = join(tmpdir(), 'trailmark-dashboard-build.lock');
const STALE_LOCK_MS = 120_000;

function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stats.mtimeMs);
}

function staleBecause() {
  if (process.argv.includes('--force')) return 'asked to';
  if (!existsSync(built)) return 'it has not been built yet';
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => existsSync(source) && newestChange(source) > builtAt) ? 'its sources changed since the last build' : null;
}

async function locked(run) {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    await run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

await locked(async () => {
  const reason = staleBecause();
  if (!reason) return;
  process.stderr.write(`Building the dashboard (${reason})…\n`);
  const { build } = await import('vite');
  await build({ configFile: join(app, 'vite.config.mts'), logLevel: 'warn' });
  process.stderr.write('Dashboard built into apps/dashboard/dist\n');
});
