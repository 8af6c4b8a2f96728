import { Inject, Injectable } from '@nestjs/common';
import { hashToken, type Principal, SessionsRepository } from '@trailmark/auth';
import type { LiveChannel, LiveSubscribeAck } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { can, type WorkspaceRole } from '@trailmark/domain';
import type { Pool } from 'pg';
import { type HandshakeCredentials, handshakeToken } from './handshake-token';
import { type ResolvedChannel, resolveChannel } from './live-channel';
import type { LiveIdentity } from './live-socket';

type Refusal = Extract<LiveSubscribeAck, { ok: false }>;

export const SESSION_ENDED: Refusal = { ok: false, status: 401, message: 'The session has ended or expired; sign in again' };

/** Sessions and memberships, read as the HTTP guards read them (SessionGuard, WorkspaceAccessGuard). */
@Injectable()
export class LiveAccess {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The handshake's live session, or undefined. */
  async authenticate(handshake: HandshakeCredentials): Promise<LiveIdentity | undefined> {
    const token = handshakeToken(handshake);
    if (!token) return undefined;
    const tokenHash = hashToken(token);
    const principal = await this.sessions.principalFor(tokenHash);
    return principal && { tokenHash, principal };
  }

  /** The session still live and acting as the same member (an impersonation started or ended since counts as ended). */
  async stillSignedIn({ tokenHash, principal }: LiveIdentity): Promise<boolean> {
    const now = await this.sessions.principalFor(tokenHash);
    return now?.userId === principal.userId && now.impersonationWorkspaceId === principal.impersonationWorkspaceId;
  }

  /** Authorises one channel for the socket's member: 401, 404 for a workspace they are not in, 403 naming what the role lacks. */
  async authorize(identity: LiveIdentity, channel: LiveChannel): Promise<{ ok: true; channel: ResolvedChannel } | Refusal> {
    if (!(await this.stillSignedIn(identity))) return SESSION_ENDED;
    const resolved = resolveChannel(channel, identity.principal.userId);
    const role = await this.roleIn(identity.principal, channel.workspaceId);
    if (!role) return { ok: false, status: 404, message: `Workspace "${channel.workspaceId}" was not found` };
    if (!can(role, resolved.action)) return { ok: false, status: 403, message: `Your role "${role}" does not allow ${resolved.action} in this workspace` };
    return { ok: true, channel: resolved };
  }

  /** Whether the member may still follow every one of `channels`. */
  async stillAllowed(identity: LiveIdentity, channels: readonly ResolvedChannel[]): Promise<boolean> {
    if (!(await this.stillSignedIn(identity))) return false;
    const roles = new Map<string, WorkspaceRole | undefined>();
    for (const { filter, action } of channels) {
      if (!roles.has(filter.workspaceId)) roles.set(filter.workspaceId, await this.roleIn(identity.principal, filter.workspaceId));
      const role = roles.get(filter.workspaceId);
      if (!role || !can(role, action)) return false;
    }
    return true;
  }

  /** An impersonation covers one workspace: the member's others count as not theirs. */
  private async roleIn(principal: Principal, workspaceId: string): Promise<WorkspaceRole | undefined> {
    if (principal.impersonationWorkspaceId !== undefined && principal.impersonationWorkspaceId !== workspaceId) return undefined;
    const { rows } = await this.pool.query<{ role: WorkspaceRole }>('SELECT role FROM directory_members WHERE workspace_id = $1 AND user_id = $2', [
      workspaceId,
      principal.userId,
    ]);
    return rows[0]?.role;
  }
}
