import type { Position } from '@trailmark/event-store';
import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { readCheckpoint } from '../checkpoints';

const lockSql = (projection: string) => `SELECT pg_advisory_xact_lock(hashtextextended(${escapeLiteral(`checkpoint:${projection}`)}, 7))`;

/**
 * Takes the projection's checkpoint lock for the rest of the transaction and
 * returns the checkpoint as it stands under it. Every batch of the live
 * runner and the swap of a rebuild take it before touching the read model, so
 * they never interleave; a runner finding the checkpoint moved under it (a
 * rebuild swapped the tables in, or another runner committed a batch after
 * its lock connection dropped) rolls back and resumes from the new one.
 */
export async function lockCheckpoint(client: PoolClient, projection: string): Promise<Position | undefined> {
  await client.query(lockSql(projection));
  return readCheckpoint(client, projection);
}

/**
 * BEGIN and `lockCheckpoint` in one round trip, for the runner's batches. The
 * simple query protocol runs the statements in order and gives each its own
 * snapshot, so the read still sees whatever committed before the lock was
 * granted.
 */
export async function beginAtCheckpoint(client: PoolClient, projection: string): Promise<Position | undefined> {
  const results = (await client.query(
    `BEGIN; ${lockSql(projection)}; SELECT position FROM projection_checkpoints WHERE projection = ${escapeLiteral(projection)}`,
  )) as unknown as Array<QueryResult<{ position: Position }>>;
  return results[2].rows[0]?.position;
}
