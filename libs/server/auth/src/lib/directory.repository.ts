import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { WorkspaceRole } from '@trailmark/domain';
import type { Pool } from 'pg';

export interface DirectoryUser {
  id: string;
  email: string;
  displayName: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: WorkspaceRole;
}

const WORKSPACES_OF = `SELECT w.workspace_id AS id, w.name, m.role
  FROM directory_members m JOIN directory_workspaces w ON w.workspace_id = m.workspace_id
  WHERE m.user_id = $1`;

/** The users and memberships that sign-in reads (the directory read model). */
@Injectable()
export class DirectoryRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async userByEmail(email: string): Promise<DirectoryUser | undefined> {
    const { rows } = await this.pool.query<DirectoryUser>(
      'SELECT user_id AS id, email, display_name AS "displayName" FROM directory_users WHERE lower(email) = lower($1)',
      [email],
    );
    return rows[0];
  }

  /** Oldest membership first: the workspace a new session starts in. */
  async workspacesOf(userId: string): Promise<WorkspaceSummary[]> {
    const { rows } = await this.pool.query<WorkspaceSummary>(`${WORKSPACES_OF} ORDER BY m.joined_at, w.name`, [userId]);
    return rows;
  }

  async membership(userId: string, workspaceId: string): Promise<WorkspaceSummary | undefined> {
    const { rows } = await this.pool.query<WorkspaceSummary>(`${WORKSPACES_OF} AND m.workspace_id = $2`, [userId, workspaceId]);
    return rows[0];
  }
}
