import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import type { Principal } from './principal';

/** Sessions and the directory user they belong to. The token itself is never stored, only its hash. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async principalFor(tokenHash: string): Promise<Principal | undefined> {
    const { rows } = await this.pool.query<Principal>(
      `SELECT s.session_id AS "sessionId", u.user_id AS "userId", u.email, u.display_name AS "displayName", u.platform_admin AS "platformAdmin"
       FROM auth_sessions s JOIN directory_users u ON u.user_id = s.user_id
       WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    );
    return rows[0];
  }

  async create(session: { sessionId: string; userId: string; tokenHash: string; workspaceId: string | null; expiresAt: Date }): Promise<void> {
    await this.pool.query(
      'INSERT INTO auth_sessions (session_id, user_id, token_hash, workspace_id, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [session.sessionId, session.userId, session.tokenHash, session.workspaceId, session.expiresAt],
    );
  }

  async end(sessionId: string): Promise<void> {
    await this.pool.query('UPDATE auth_sessions SET ended_at = now() WHERE session_id = $1 AND ended_at IS NULL', [sessionId]);
  }
}
