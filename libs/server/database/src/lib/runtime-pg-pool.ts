import { Pool } from 'pg';
import type { RuntimeLogger } from './runtime-logger';

/** Injection token of the process-wide `pg.Pool`. */
export const PG_POOL = Symbol('PG_POOL');

export interface PgPoolOptions {
  max?: number;
  applicationName?: string;
}

/**
 * The process-wide pool. An idle connection dropped by the server (a restart,
 * a fast shutdown) is logged and discarded instead of crashing the process.
 */
export function createPgPool(url: string, logger: RuntimeLogger, options: PgPoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'trailmark',
  });
  pool.on('error', (error) => {
    const message = `Idle Postgres connection closed: ${error.message}`;
    // Connections still closing after `end()` see the server stop; that is expected.
    return pool.ending ? logger.debug(message) : logger.warn(message);
  });
  return pool;
}
