import { Pool } from 'pg';

/**
 * A `pg.Pool` for tests. `pool.end()` resolves before its connections have
 * finished closing, so a cluster stopped right after it can still reach them;
 * those errors are expected and dropped. Any other idle-connection error is
 * rethrown and fails the test file.
 */
export function testPool(url: string, max = 10): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', (error) => {
    if (!pool.ending) throw error;
  });
  return pool;
}
