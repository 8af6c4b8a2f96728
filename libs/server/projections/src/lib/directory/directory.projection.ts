import type { RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';
import type { Projection } from '../projection';

type Data = Record<string, unknown> & { owner?: { userId: string } };
type Handler = (client: PoolClient, data: Data, event: RecordedEvent) => Promise<unknown>;

const at = (event: RecordedEvent) => (event.metadata['occurredAt'] as string | undefined) ?? event.recordedAt.toISOString();

/** One handler per event type; each is idempotent in itself, the checkpoint makes the batch exactly-once. */
const handlers: Record<string, Handler> = {
  UserRegistered: (c, d, e) =>
    c.query(
      `INSERT INTO directory_users (user_id, email, display_name, registered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO NOTHING`,
      [d['userId'], d['email'], d['displayName'], at(e)],
    ),
  AccountLocked: (c, d) => c.query('UPDATE directory_users SET locked_until = $2 WHERE user_id = $1', [d['userId'], d['lockedUntil']]),
  AccountUnlocked: (c, d) => c.query('UPDATE directory_users SET locked_until = NULL WHERE user_id = $1', [d['userId']]),
  PlatformAdminGranted: (c, d) => c.query('UPDATE directory_users SET platform_admin = true WHERE user_id = $1', [d['userId']]),
  WorkspaceCreated: async (c, d, e) => {
    await c.query(
      'INSERT INTO directory_workspaces (workspace_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (workspace_id) DO NOTHING',
      [d['workspaceId'], d['name'], at(e)],
    );
    await upsertMember(c, d['workspaceId'] as string, d.owner?.userId as string, 'owner', at(e));
  },
  WorkspaceRenamed: (c, d) => c.query('UPDATE directory_workspaces SET name = $2 WHERE workspace_id = $1', [d['workspaceId'], d['name']]),
  MemberJoined: (c, d, e) => upsertMember(c, d['workspaceId'] as string, d['userId'] as string, d['role'] as string, at(e)),
  MemberRoleChanged: (c, d) =>
    c.query('UPDATE directory_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2', [d['workspaceId'], d['userId'], d['role']]),
  MemberRemoved: (c, d) => c.query('DELETE FROM directory_members WHERE workspace_id = $1 AND user_id = $2', [d['workspaceId'], d['userId']]),
  ApiKeyCreated: (c, d, e) =>
    c.query(
      `INSERT INTO directory_api_keys (api_key_id, workspace_id, name, prefix, key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (api_key_id) DO NOTHING`,
      [d['apiKeyId'], d['workspaceId'], d['name'], d['prefix'], d['keyHash'], at(e)],
    ),
  ApiKeyRevoked: (c, d, e) =>
    c.query('UPDATE directory_api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE api_key_id = $1', [d['apiKeyId'], at(e)]),
};

function upsertMember(c: PoolClient, workspaceId: string, userId: string, role: string, joinedAt: string) {
  return c.query(
    `INSERT INTO directory_members (workspace_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
    [workspaceId, userId, role, joinedAt],
  );
}

export const DIRECTORY_PROJECTION = 'directory';

/** Users, workspaces, members and API keys, for sign-in, authorisation and ingestion. */
export const directoryProjection: Projection = {
  name: DIRECTORY_PROJECTION,
  tables: ['directory_users', 'directory_workspaces', 'directory_members', 'directory_api_keys'],
  filter: { eventTypes: Object.keys(handlers) },
  async apply(client, events) {
    for (const event of events) {
      await handlers[event.type]?.(client, event.data as Data, event);
    }
  },
};
