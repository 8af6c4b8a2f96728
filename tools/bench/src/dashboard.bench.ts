import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { CredentialsStore } from '@trailmark/auth';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore } from '@trailmark/event-store';
import { ALL_PROJECTIONS } from '@trailmark/projections';
import { testPool } from '@trailmark/testing';
import { chromium } from 'playwright-core';
import { startApiProcess } from './api-server';
import { startBenchPostgres } from './bench-postgres';
import { type BundleSizes, bundleSizes } from './dashboard-bundle';
import { type PageTimings, timeActivityLog, type Visit } from './dashboard-timing';
import { argument, runBenchmark } from './measure';
import { measureRebuild } from './read-rebuild';
import { type Figure, ms, printTable, writeResultFile } from './read-report';
import { seedReadData } from './read-seed';

/**
 * The dashboard's budget: the production JavaScript gzipped, and the time
 * from navigation to the Activity Log showing its data in Debian's chromium,
 * against the real API process over the read benchmark's seeded history
 * (default 1,000,000 events). Usage: see tools/bench/README.md.
 */
const EVENTS = Number(argument('--events') ?? 1_000_000);
const OPTIONS = {
  events: EVENTS,
  records: Number(argument('--records') ?? Math.round(EVENTS / 20)),
  users: Number(argument('--users') ?? 200),
  seed: Number(argument('--seed') ?? 20_260_101),
  samples: Number(argument('--samples') ?? 10),
  warmUp: Number(argument('--warm-up') ?? 3),
};
const TARGETS = { javascriptGzipKb: 600, activityLogMs: 1500 };
const ROOT = resolve(__dirname, '../../..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function main(): Promise<void> {
  execFileSync(process.execPath, [resolve(ROOT, 'tools/scripts/build-dashboard.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const bundle = await bundleSizes(resolve(ROOT, 'apps/dashboard/dist'));

  const postgres = await startBenchPostgres();
  const pool = testPool(postgres.url, 4);
  pool.on('error', () => undefined);
  const projectorPool = createPgPool(postgres.url, quiet, { applicationName: 'dashboard-bench-projector' });
  const store = createPostgresEventStore(pool);
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const seed = await seedReadData(store, { ...OPTIONS, now: new Date() });
    await measureRebuild(projectorPool, ALL_PROJECTIONS, OPTIONS.events);
    await pool.query('ANALYZE');
    await new CredentialsStore(pool).setPassword(seed.owner.userId, seed.owner.password);
    api = await startApiProcess(postgres.url, { TRAILMARK_DEMO: 'off' });
    const largest = seed.workspaces[0];
    process.stderr.write(`Timing the Activity Log of "${largest.name}" in chromium…\n`);
    const timings = await timeActivityLog(browser, { url: api.url, workspaceId: largest.workspaceId, email: seed.owner.email, password: seed.owner.password, samples: OPTIONS.samples, warmUp: OPTIONS.warmUp });
    await report(bundle, timings, largest.name);
  } finally {
    await browser.close();
    await api?.stop();
    await store.close();
    await Promise.all([pool.end(), projectorPool.end()]);
    await postgres.stop();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function report(bundle: BundleSizes, timings: PageTimings, workspaceName: string): Promise<void> {
  const shown = timings.warm.map((visit) => visit.shown);
  const slowest = Math.max(timings.cold.shown, ...shown);
  const median = (pick: (visit: Visit) => number) => ms(percentile(timings.warm.map(pick), 50));
  const figures: Figure[] = [
    ...bundle.javascript.map(({ file, bytes, gzip }) => ({ name: `  ${file}`, value: `${kb(gzip)} gzip`, target: `${kb(bytes)} raw` })),
    {
      name: 'all JavaScript',
      value: `${kb(bundle.javascriptGzip)} gzip`,
      target: `<= ${TARGETS.javascriptGzipKb} KB`,
      pass: bundle.javascriptGzip <= TARGETS.javascriptGzipKb * 1024,
      data: { gzip: bundle.javascriptGzip },
    },
    { name: 'all CSS', value: `${kb(bundle.cssGzip)} gzip`, target: '' },
    { name: 'Activity Log, first visit', value: ms(timings.cold.shown), target: `<= ${TARGETS.activityLogMs} ms`, pass: timings.cold.shown <= TARGETS.activityLogMs },
    {
      name: `Activity Log, p50 / p95 of ${shown.length}`,
      value: `${ms(percentile(shown, 50))} / ${ms(percentile(shown, 95))}`,
      target: `<= ${TARGETS.activityLogMs} ms`,
      pass: slowest <= TARGETS.activityLogMs,
      data: { ...timings },
    },
    { name: '  p50 until the queries start', value: median((visit) => visit.queriesStart), target: 'scripts, session, route' },
    { name: '  p50 of the queries', value: median((visit) => visit.queriesEnd - visit.queriesStart), target: 'feed, stats, facets' },
    { name: '  p50 from answers to shown', value: median((visit) => visit.shown - visit.queriesEnd), target: 'rendering, charts' },
  ];
  printTable(`Dashboard bundle and the Activity Log of "${workspaceName}" with ${OPTIONS.events.toLocaleString('en-US')} events in the store (navigation to data shown):`, figures);
  const judged = figures.filter((figure) => figure.pass !== undefined);
  console.log(`\n${judged.filter((figure) => figure.pass).length} passed, ${judged.filter((figure) => !figure.pass).length} missed (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`);
  console.log(`Results written to ${await writeResultFile(ROOT, { bench: 'dashboard', options: OPTIONS, bundle, timings, figures })}`);
}

runBenchmark(main);
