import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

/** Builds apps/dashboard/dist with Vite's JS API when it is missing or older than its sources (a no-op otherwise). */
export async function ensureDashboardBuilt(): Promise<void> {
  await promisify(execFile)(process.execPath, [resolve(ROOT, 'tools/scripts/build-dashboard.mjs')], { cwd: ROOT, timeout: 120_000 });
}
