import { eventMetadata, handleCommand, type RequestContext } from '@trailmark/command-handling';
import { PLATFORM } from '@trailmark/contracts';
import { checkpointDecider, type IntegrityCheckpointSigned } from '@trailmark/domain';
import type { EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { auditStreams } from '../audit-streams';
import { workspaceHeads, workspacesWithStreams } from '../store/stored-events.sql';
import type { SigningKeySource } from './signing-key.source';

export type CheckpointData = IntegrityCheckpointSigned['data'];

export interface WorkspaceCheckpoint {
  workspaceId: string;
  /** Null when no head moved; undefined when signing failed. */
  checkpoint?: CheckpointData | null;
  error?: string;
}

/**
 * Signs checkpoints over the heads of a workspace's streams. One signer per
 * workspace at a time (a session advisory lock): heads read by a slower
 * signer after a faster one signed newer heads would look like heads gone
 * back.
 */
export class CheckpointService {
  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly keys: SigningKeySource,
  ) {}

  /** The checkpoint signed, or null when no head moved since the last one. */
  async sign(workspaceId: string, context: Omit<RequestContext, 'workspaceId'>): Promise<CheckpointData | null> {
    const key = await this.keys.get();
    const stream = auditStreams.checkpoints(workspaceId);
    const lock = `trailmark-checkpoint:${workspaceId}`;
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lock]);
      try {
        const heads = (await workspaceHeads(client, workspaceId)).filter((head) => head.streamName !== stream);
        const signer = { keyId: key.keyId, sign: (payload: unknown) => key.sign(payload) };
        const { events } = await handleCommand(this.store, stream, checkpointDecider, { type: 'SignCheckpoint', data: { workspaceId, heads, signer } }, {
          metadata: () => eventMetadata({ ...context, workspaceId }),
        });
        return events[0]?.data ?? null;
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock]);
      }
    } finally {
      client.release();
    }
  }

  /** Every workspace in turn; one that fails does not stop the others. */
  async signAll(context: Omit<RequestContext, 'workspaceId'>): Promise<WorkspaceCheckpoint[]> {
    const results: WorkspaceCheckpoint[] = [];
    for (const workspaceId of await workspacesWithStreams(this.pool, PLATFORM)) {
      try {
        results.push({ workspaceId, checkpoint: await this.sign(workspaceId, context) });
      } catch (error) {
        results.push({ workspaceId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return results;
  }
}
