import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { WorkspaceRole } from '@trailmark/domain';
import type { Pool } from 'pg';

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

/** Never the key hash: it stays in the directory for ingestion to compare against. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Reads of the directory read model (members, API keys) for the admin routes. */
@Injectable()
export class AdminDirectory {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async members(workspaceId: string): Promise<MemberRow[]> {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT m.user_id AS "userId", u.email, u.display_name AS "displayName", m.role, m.joined_at AS "joinedAt"
       FROM directory_members m JOIN directory_users u ON u.user_id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY m.joined_at, m.user_id`,
      [workspaceId],
    );
    return rows;
  }

  async isMember(workspaceId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM directory_members WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]);
    return Boolean(rowCount);
  }

  async apiKeys(workspaceId: string): Promise<ApiKeyRow[]> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `SELECT api_key_id AS id, name, prefix, created_at AS "createdAt", revoked_at AS "revokedAt"
       FROM directory_api_keys WHERE workspace_id = $1 ORDER BY created_at, api_key_id`,
      [workspaceId],
    );
    return rows;
  }
}
