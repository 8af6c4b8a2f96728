import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import type { Principal } from './principal';

type PrincipalRow = Omit<Principal, 'impersonatorId' | 'impersonationWorkspaceId'> & {
  impersonatorId: string | null;
  impersonationWorkspaceId: string | null;
};

const PRINCIPAL = `SELECT s.session_id AS "sessionId", u.user_id AS "userId", u.email, u.display_name AS "displayName",
    u.platform_admin AS "platformAdmin",
    CASE WHEN i.impersonating THEN s.user_id END AS "impersonatorId",
    CASE WHEN i.impersonating THEN s.impersonation_workspace_id END AS "impersonationWorkspaceId"
  FROM auth_sessions s
  CROSS JOIN LATERAL (SELECT s.impersonated_user_id IS NOT NULL AND NOT $2::boolean AS impersonating) i
  JOIN directory_users u ON u.user_id = CASE WHEN i.impersonating THEN s.impersonated_user_id ELSE s.user_id END
  WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()`;

/** Sessions and the directory user they belong to. The token itself is never stored, only its hash. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * The member a live session acts as: while it impersonates someone, that
   * person, unless `asSignedIn` asks for whoever actually signed in.
   */
  async principalFor(tokenHash: string, { asSignedIn = false } = {}): Promise<Principal | undefined> {
    // Named: every authenticated request runs it, so each connection plans it once.
    const { rows } = await this.pool.query<PrincipalRow>({ name: 'auth_session_principal', text: PRINCIPAL, values: [tokenHash, asSignedIn] });
    if (!rows[0]) return undefined;
    const { impersonatorId, impersonationWorkspaceId, ...principal } = rows[0];
    return impersonatorId && impersonationWorkspaceId ? { ...principal, impersonatorId, impersonationWorkspaceId } : principal;
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

  /** From now on the session acts as `userId`, and only in `workspaceId`. */
  async impersonate(sessionId: string, impersonation: { userId: string; workspaceId: string }): Promise<void> {
    await this.pool.query('UPDATE auth_sessions SET impersonated_user_id = $2, impersonation_workspace_id = $3 WHERE session_id = $1', [
      sessionId,
      impersonation.userId,
      impersonation.workspaceId,
    ]);
  }

  /** Every session of the admin acts as the admin again. */
  async endImpersonations(adminId: string): Promise<void> {
    await this.pool.query(
      'UPDATE auth_sessions SET impersonated_user_id = NULL, impersonation_workspace_id = NULL WHERE user_id = $1 AND impersonated_user_id IS NOT NULL',
      [adminId],
    );
  }
}
