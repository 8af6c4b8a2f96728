import type { WorkspaceRole } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';

export interface AlertMemberRow {
  userId: string;
  role: WorkspaceRole;
  email: string | null;
}

type Data = { workspaceId: string; userId: string; role: WorkspaceRole; email?: string; owner?: { userId: string; email: string } };

export const MEMBER_EVENT_TYPES = ['WorkspaceCreated', 'MemberJoined', 'MemberRoleChanged', 'MemberRemoved'];

/**
 * The reactor's own view of each workspace's members, kept from the log in
 * its transaction, so the recipients of an alert never depend on how far
 * another projection has got. Returns the workspace whose members changed.
 */
export async function applyMemberEvent(client: PoolClient, event: RecordedEvent): Promise<string | null> {
  const data = event.data as Data;
  const upsert = (userId: string, role: WorkspaceRole, email: string | null) =>
    client.query(
      `INSERT INTO alert_members (workspace_id, user_id, role, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role, email = coalesce(excluded.email, alert_members.email)`,
      [data.workspaceId, userId, role, email],
    );
  switch (event.type) {
    case 'WorkspaceCreated':
      if (!data.owner) return null;
      await upsert(data.owner.userId, 'owner', data.owner.email);
      return data.workspaceId;
    case 'MemberJoined':
      await upsert(data.userId, data.role, data.email ?? null);
      return data.workspaceId;
    case 'MemberRoleChanged':
      await client.query('UPDATE alert_members SET role = $3 WHERE workspace_id = $1 AND user_id = $2', [data.workspaceId, data.userId, data.role]);
      return data.workspaceId;
    case 'MemberRemoved':
      await client.query('DELETE FROM alert_members WHERE workspace_id = $1 AND user_id = $2', [data.workspaceId, data.userId]);
      return data.workspaceId;
    default:
      return null;
  }
}

export async function membersOf(client: PoolClient, workspaceId: string): Promise<AlertMemberRow[]> {
  const { rows } = await client.query<{ user_id: string; role: WorkspaceRole; email: string | null }>(
    'SELECT user_id, role, email FROM alert_members WHERE workspace_id = $1 ORDER BY user_id',
    [workspaceId],
  );
  return rows.map(({ user_id, role, email }) => ({ userId: user_id, role, email }));
}
