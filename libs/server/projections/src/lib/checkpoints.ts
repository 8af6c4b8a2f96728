import type { Position } from '@trailmark/event-store';
import { escapeLiteral, type Pool, type PoolClient } from 'pg';

// Named statements: the live publisher and `waitForCheckpoint` read checkpoints in a loop, so each connection plans them once.

const UPSERT = 'INSERT INTO projection_checkpoints (projection, position) VALUES';
const ON_CONFLICT = 'ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = now()';

export async function readCheckpoint(db: Pool | PoolClient, projection: string): Promise<Position | undefined> {
  const { rows } = await db.query<{ position: Position }>({
    name: 'projection_checkpoint_read',
    text: 'SELECT position FROM projection_checkpoints WHERE projection = $1',
    values: [projection],
  });
  return rows[0]?.position;
}

export async function saveCheckpoint(client: PoolClient, projection: string, position: Position): Promise<void> {
  await client.query({
    name: 'projection_checkpoint_save',
    text: `${UPSERT} ($1, $2) ${ON_CONFLICT}`,
    values: [projection, position],
  });
}

/** `saveCheckpoint` and COMMIT in one round trip (the simple query protocol), for the runner's batches. */
export async function saveCheckpointAndCommit(client: PoolClient, projection: string, position: Position): Promise<void> {
  await client.query(`${UPSERT} (${escapeLiteral(projection)}, ${escapeLiteral(position)}) ${ON_CONFLICT}; COMMIT`);
}

/**
 * Resolves once the projection has committed `position` (or anything later),
 * whichever process runs it; false after `timeoutMs`. Lets a command answer
 * only when what it wrote can be read back.
 */
export async function waitForCheckpoint(pool: Pool, projection: string, position: Position, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const checkpoint = await readCheckpoint(pool, projection);
    if (checkpoint !== undefined && checkpoint >= position) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
