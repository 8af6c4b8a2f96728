import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { CredentialsStore } from '@trailmark/auth';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore } from '@trailmark/event-store';
import { ALL_PROJECTIONS, notificationReactors, PROJECTION_CONNECTIONS } from '@trailmark/projections';
import { testPool } from '@trailmark/testing';
import { startApiProcess } from './api-server';
import { startBenchPostgres } from './bench-postgres';
import { cpuStealMeter, percent } from './cpu-steal';
import { argument, runBenchmark } from './measure';
import { childPid, measureExport } from './read-export';
import { signIn } from './read-latency';
import { measureQueries } from './read-queries';
import { measureRebuild, type RebuildResult, waitForCheckpoints } from './read-rebuild';
import { type Figure, perSecond, printTable, writeResultFile } from './read-report';
import { seedReadData, type SeedSummary } from './read-seed';

/**
 * The read side at scale: seeds a history (default 1,000,000 events over 5
 * workspaces, 200 users, 50,000 records), rebuilds every projection from
 * empty checkpoints, then times the real API process's feed, stats, export,
 * facets and timeline queries as the owner. Usage: see tools/bench/README.md.
 */
const EVENTS = Number(argument('--events') ?? 1_000_000);
const OPTIONS = {
  events: EVENTS,
  records: Number(argument('--records') ?? Math.round(EVENTS / 20)),
  users: Number(argument('--users') ?? 200),
  seed: Number(argument('--seed') ?? 20_260_101),
  warmUp: Number(argument('--warm-up') ?? 10),
  samples: Number(argument('--samples') ?? 60),
  depth: Number(argument('--depth') ?? 50_000),
  filterRange: argument('--filter-range'),
};
const TARGETS = { rebuild: 30_000 };
const REACTOR_CATCH_UP_MS = 30 * 60_000;
const ROOT = resolve(__dirname, '../../..');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const pool = testPool(postgres.url, 4);
  pool.on('error', () => undefined);
  const projectorPool = createPgPool(postgres.url, quiet, { applicationName: 'read-bench-projector', max: PROJECTION_CONNECTIONS + 3 });
  const store = createPostgresEventStore(pool);
  let api: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  try {
    const stolen: Record<string, number | undefined> = {};
    let stealDuring = cpuStealMeter();
    const seed = await seedReadData(store, { ...OPTIONS, now: new Date() });
    stolen.seeding = stealDuring();
    stealDuring = cpuStealMeter();
    const rebuild = await measureRebuild(projectorPool, ALL_PROJECTIONS, OPTIONS.events);
    stolen.rebuild = stealDuring();
    // A table just filled has no planner statistics yet; autovacuum would gather them soon after a real rebuild.
    await pool.query('ANALYZE');
    await new CredentialsStore(pool).setPassword(seed.owner.userId, seed.owner.password);

    api = await startApiProcess(postgres.url);
    // The API's notification reactors start from the first event: let them catch up before anything is timed.
    process.stderr.write('Waiting for the API’s notification reactors to catch up…\n');
    const caughtUp = await waitForCheckpoints(pool, notificationReactors(store, pool), REACTOR_CATCH_UP_MS);
    process.stderr.write(`The reactors caught up in ${caughtUp.toFixed(1)} s.\n`);
    const client = await signIn(api.url, seed.owner.email, seed.owner.password);
    const largest = seed.workspaces[0];
    const progress = (line: string) => process.stderr.write(`Timing ${line}…\n`);
    stealDuring = cpuStealMeter();
    const queries = await measureQueries(
      client,
      {
        workspaceId: largest.workspaceId,
        actor: seed.highlights.busiestActor,
        record: seed.highlights.busiestRecord,
        filterRange: OPTIONS.filterRange,
        warmUp: OPTIONS.warmUp,
        samples: OPTIONS.samples,
        depth: await reachableDepth(pool, largest.workspaceId),
      },
      progress,
    );
    stolen.queries = stealDuring();
    progress('the CSV export of every workspace');
    const feedRows = async (workspaceId: string) =>
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = $1', [workspaceId])).rows[0].n;
    stealDuring = cpuStealMeter();
    const exported = await measureExport(client, seed.workspaces.map((workspace) => workspace.workspaceId), childPid('apps/api/src/main.ts'), feedRows);
    stolen.export = stealDuring();
    await report(seed, rebuild, [...queries, ...exported], largest.name, stolen);
  } finally {
    await api?.stop();
    await store.close();
    await Promise.all([pool.end(), projectorPool.end()]);
    await postgres.stop();
  }
}

/** The requested depth, or less when the workspace's feed is not that long (a small --events run). */
async function reachableDepth(pool: Pool, workspaceId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = $1', [workspaceId]);
  return Math.min(OPTIONS.depth, Math.floor((rows[0].n - 100) / 100) * 100);
}

async function report(seed: SeedSummary, rebuild: RebuildResult, queries: Figure[], workspaceName: string, stolen: Record<string, number | undefined>): Promise<void> {
  const rebuildFigures: Figure[] = [
    ...rebuild.projections.map((p) => ({ name: `  ${p.name}`, value: perSecond(p.perSecond, 'events'), target: `${p.events.toLocaleString('en-US')} events, ${p.seconds.toFixed(1)} s` })),
    {
      name: 'all projections together',
      value: perSecond(rebuild.overall.perSecond, 'events'),
      target: `>= ${perSecond(TARGETS.rebuild, 'events')}`,
      pass: rebuild.overall.perSecond >= TARGETS.rebuild,
      data: rebuild.overall,
    },
  ];
  console.log(
    `\nSeeded ${OPTIONS.events.toLocaleString('en-US')} events (${seed.directoryEvents} directory), ${OPTIONS.users} users, ${OPTIONS.records.toLocaleString('en-US')} records over ${seed.workspaces.length} workspaces ` +
      `at ${perSecond(seed.write.perSecond, 'events')} (${seed.write.seconds.toFixed(1)} s).`,
  );
  console.log(`Categories: ${Object.entries(seed.categories).map(([category, n]) => `${category} ${n}`).join(', ')}`);
  printTable('Projection rebuild from empty checkpoints (events per projection, time until its checkpoint reached them):', rebuildFigures);
  const filters = OPTIONS.filterRange ? `range=${OPTIONS.filterRange}` : 'the default 7d';
  printTable(`Queries as the owner in "${workspaceName}" (p50 / p95, ${OPTIONS.samples} requests after ${OPTIONS.warmUp} warm-up; filters over ${filters}):`, queries);
  const all = [...rebuildFigures, ...queries];
  const missed = all.filter((figure) => figure.pass === false).length;
  console.log(`\n${all.filter((figure) => figure.pass).length} passed, ${missed} missed, ${all.filter((figure) => figure.value === 'not available').length} not available`);
  // Figures taken while the VM host took a share of the CPU are slower by about as much; compare runs at similar steal.
  console.log(`CPU taken by the VM host (steal): ${Object.entries(stolen).map(([phase, share]) => `${phase} ${percent(share)}`).join(', ')}`);
  console.log(`Results written to ${await writeResultFile(ROOT, { options: OPTIONS, seed, rebuild, figures: all, steal: stolen })}`);
}

runBenchmark(main);
