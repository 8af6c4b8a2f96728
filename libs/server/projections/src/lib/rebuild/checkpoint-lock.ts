import type { Position } from '@trailmark/event-store';
import type { PoolClient } from 'pg';
import { readCheckpoint } from '../checkpoints';

/**
 * Takes the projection's checkpoint lock for the rest of the transaction and
 * returns the checkpoint as it stands under it. Every batch of the live
 * runner and the swap of a rebuild take it before touching the read model, so
 * they never interleave; a runner finding the checkpoint moved under it (a
 * rebuild swapped the tables in, or another runner committed a batch after
 * its lock connection dropped) rolls back and resumes from the new one.
 */
export async function lockCheckpoint(client: PoolClient, projection: string): Promise<Position | undefined> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [`checkpoint:${projection}`]);
  return readCheckpoint(client, projection);
}
