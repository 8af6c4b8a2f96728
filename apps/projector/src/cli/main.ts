import { createPgPool, openDatabase } from '@trailmark/database';
import { createEventStore, type EventStore } from '@trailmark/event-store';
import { configOrExit, createLogger } from '@trailmark/process';
import { ALL_PROJECTIONS, applyRetention, type Projection, rebuildProjection, rebuildProjections, reprojectRange } from '@trailmark/projections';
import type { Pool } from 'pg';
import { type CliCommand, parseCliCommand, USAGE, UsageError } from './cli-command';
import { rebuildProgressBar } from './rebuild-progress-bar';
import { countEventsToReplay } from './replay-size';

const DAY_MS = 86_400_000;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** `npm run projections -- rebuild activity-feed`, `-- rebuild --all`, `-- reproject ...`, `-- retention`; see USAGE. */
async function main(): Promise<number> {
  let command: ReturnType<typeof parseCliCommand>;
  try {
    command = parseCliCommand(process.argv.slice(2), ALL_PROJECTIONS.map((projection) => projection.name), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'help') {
    say(USAGE);
    return 0;
  }
  const config = configOrExit();
  const logger = createLogger(config.logLevel, 'trailmark-projections');
  // With no DATABASE_URL this starts the embedded Postgres; while the API runs on it, set DATABASE_URL to that Postgres instead.
  const database = await openDatabase(config, logger);
  const pool = createPgPool(database.url, logger, { applicationName: 'trailmark-projections-cli' });
  const store = createEventStore(config.eventStoreConnectionString, pool);
  try {
    await run(command, store, pool);
    return 0;
  } finally {
    await store.close();
    await pool.end();
    await database.stop();
  }
}

async function run(command: CliCommand, store: EventStore, pool: Pool): Promise<void> {
  switch (command.kind) {
    case 'rebuild': {
      const projections = ALL_PROJECTIONS.filter((projection) => command.projections.includes(projection.name));
      const undeclared = projections.filter((projection) => !projection.tables?.length).map((projection) => projection.name);
      // Checked before the first rebuild, so that --all does not stop half way through.
      if (undeclared.length > 0) throw new Error(`Cannot rebuild ${undeclared.join(', ')}: a projection must declare its tables to be rebuilt`);
      if (projections.length === 1) await rebuild(store, pool, projections[0], command.batchSize);
      else await rebuildTogether(store, pool, projections, command.batchSize);
      // A replay brings back rows past their retention; they go now rather than at the next hourly pass.
      return retention(pool, command.defaultFeedDays);
    }
    case 'reproject': {
      const { workspaceId, from, to, holdDays } = command;
      const result = await reprojectRange(store, pool, workspaceId, from, to, { holdUntil: new Date(Date.now() + holdDays * DAY_MS) });
      say(`Re-projected ${result.rows} feed rows of ${workspaceId} (${result.inserted} were missing); retention leaves them until ${result.holdUntil.toISOString()}`);
      return;
    }
    case 'retention':
      return retention(pool, command.defaultFeedDays);
  }
}

async function rebuild(store: EventStore, pool: Pool, projection: Projection, batchSize: number): Promise<void> {
  const total = store.kind === 'postgres' ? await countEventsToReplay(pool, projection.filter) : undefined;
  const bar = rebuildProgressBar(projection.name, { total });
  try {
    const result = await rebuildProjection(store, pool, projection, { batchSize, onProgress: (progress) => bar.update(progress) });
    bar.stop();
    say(`Rebuilt ${projection.name} from ${result.applied} events and swapped it in; checkpoint ${result.checkpoint ?? 'none (no events)'}`);
  } catch (error) {
    bar.stop();
    throw error;
  }
}

/** Several projections from one read of the log; the bar follows the one that has taken the most events. */
async function rebuildTogether(store: EventStore, pool: Pool, projections: Projection[], batchSize: number): Promise<void> {
  const total = store.kind === 'postgres' ? await countEventsToReplay(pool) : undefined;
  const bar = rebuildProgressBar(`${projections.length} projections`, { total });
  const applied = new Map<string, number>();
  try {
    const results = await rebuildProjections(store, pool, projections, {
      batchSize,
      onProgress: (progress) => {
        applied.set(progress.projection, progress.applied);
        bar.update({ ...progress, applied: Math.max(...applied.values()) });
      },
    });
    bar.stop();
    for (const result of results) say(`Rebuilt ${result.projection} from ${result.applied} events and swapped it in; checkpoint ${result.checkpoint ?? 'none (no events)'}`);
  } catch (error) {
    bar.stop();
    throw error;
  }
}

async function retention(pool: Pool, defaultFeedDays: number | undefined): Promise<void> {
  const result = await applyRetention(pool, new Date(), { defaultFeedDays });
  if (!result.ran) say('Retention is being applied by another process right now; nothing done');
  else say(`Retention dropped ${result.droppedPartitions.length} feed partition(s) and deleted ${result.deletedRows} feed row(s)`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
