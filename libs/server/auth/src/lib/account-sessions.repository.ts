import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';

/** What the account endpoints change on session rows beyond SessionsRepository's create and end. */
@Injectable()
export class AccountSessionsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async workspaceOf(sessionId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ workspace_id: string | null }>('SELECT workspace_id FROM auth_sessions WHERE session_id = $1', [
      sessionId,
    ]);
    return rows[0]?.workspace_id ?? null;
  }

  async moveToWorkspace(sessionId: string, workspaceId: string): Promise<void> {
    await this.pool.query('UPDATE auth_sessions SET workspace_id = $2 WHERE session_id = $1', [sessionId, workspaceId]);
  }

  async endAllOf(userId: string): Promise<void> {
    await this.pool.query('UPDATE auth_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL', [userId]);
  }
}
