import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from './data-source';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import type { RuntimeLogger } from './runtime-logger';
import { isPostmasterRunning, releaseStalePostmaster } from './runtime-postmaster-lock';

export interface RuntimeDatabaseConfig {
  /** External Postgres; when absent the embedded one runs. */
  databaseUrl?: string;
  /** The embedded cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  embeddedPostgresPort: number;
}

export interface RuntimeDatabase {
  url: string;
  kind: 'embedded' | 'external';
  /** Stops the embedded Postgres (no-op for an external one); safe to call twice. */
  stop(): Promise<void>;
}

/** Arbitrary key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 7_340_021_777;
const LOG_TAIL_LINES = 8;

/** The database the process runs on, started if embedded, with every migration applied. */
export async function openDatabase(config: RuntimeDatabaseConfig, logger: RuntimeLogger): Promise<RuntimeDatabase> {
  const database = config.databaseUrl
    ? { url: config.databaseUrl, kind: 'external' as const, stop: async () => undefined }
    : await startEmbedded(join(config.dataDir, 'postgres'), config.embeddedPostgresPort, logger);
  try {
    const applied = await migrateExclusively(database.url);
    if (applied.length > 0) {
      logger.info(`Applied migrations: ${applied.join(', ')}`);
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

async function startEmbedded(dataDir: string, port: number, logger: RuntimeLogger): Promise<RuntimeDatabase> {
  await releaseStalePostmaster(dataDir, logger);
  const firstRun = !existsSync(join(dataDir, 'PG_VERSION'));
  logger.info(`${firstRun ? 'Creating' : 'Starting'} the embedded Postgres in ${dataDir} on port ${port}`);
  const tail: string[] = [];
  let running: RunningPostgres;
  try {
    running = await startEmbeddedPostgres({
      dataDir,
      port,
      persistent: true,
      onLog: (message) => {
        tail.push(...message.trim().split('\n'));
        tail.splice(0, tail.length - LOG_TAIL_LINES);
        logger.debug(message.trim());
      },
    });
  } catch (error) {
    const said = tail.length > 0 ? tail.join('\n') : String(error instanceof Error ? error.message : error);
    throw new Error(
      `The embedded Postgres did not start (data directory ${dataDir}, port ${port}). ` +
        `If the port is taken, set TRAILMARK_EMBEDDED_PG_PORT. Postgres said:\n${said}`,
      { cause: error },
    );
  }
  let stopping: Promise<void> | undefined;
  return {
    url: running.url,
    kind: 'embedded',
    // A Ctrl-C in a terminal also reaches Postgres (same process group), which
    // then shuts itself down; waiting on it after it exited would never return.
    stop: () => (stopping ??= isPostmasterRunning(dataDir) ? running.stop() : Promise.resolve()),
  };
}

/** Runs the migrations while holding an advisory lock, so concurrent api processes migrate one at a time. */
async function migrateExclusively(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await migrate(url);
  } finally {
    await client.end();
  }
}
