import type { Position } from '@trailmark/event-store';
import { escapeLiteral, type Pool, type PoolClient } from 'pg';

// Named statements: every batch of every runner reads and saves a checkpoint, so each connection plans them once.

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
    text: `INSERT INTO projection_checkpoints (projection, position) VALUES ($1, $2)
     ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = now()`,
    values: [projection, position],
  });
}

/** `saveCheckpoint` and COMMIT in one round trip (the simple query protocol), for the runner's batches. */
export async function saveCheckpointAndCommit(client: PoolClient, projection: string, position: Position): Promise<void> {
  await client.query(
    `INSERT INTO projection_checkpoints (projection, position) VALUES (${escapeLiteral(projection)}, ${escapeLiteral(position)})
     ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = now(); COMMIT`,
  );
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
