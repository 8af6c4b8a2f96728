import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { DomainError } from '@trailmark/domain';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { accountContext, handleAccountCommand } from './account-command';
import { AccountSessionsRepository } from './account-sessions.repository';
import { type DirectoryUser, DirectoryRepository } from './directory.repository';
import type { Principal } from './principal';
import { SessionsRepository } from './sessions.repository';
import type { SessionView } from './sign-in.service';

/** The signed-in member's own session: who they are, where they are, signing out and moving between workspaces. */
@Injectable()
export class AccountService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: DirectoryRepository,
    private readonly sessions: SessionsRepository,
    private readonly accountSessions: AccountSessionsRepository,
  ) {}

  async view(principal: Principal): Promise<SessionView> {
    const { impersonatorId, impersonationWorkspaceId } = principal;
    if (impersonatorId && impersonationWorkspaceId) {
      const membership = await this.directory.membership(principal.userId, impersonationWorkspaceId);
      return { user: userOf(principal), workspaces: membership ? [membership] : [], currentWorkspaceId: impersonationWorkspaceId, impersonatorId };
    }
    const [workspaces, currentWorkspaceId] = await Promise.all([
      this.directory.workspacesOf(principal.userId),
      this.accountSessions.workspaceOf(principal.sessionId),
    ]);
    return { user: userOf(principal), workspaces, currentWorkspaceId };
  }

  async signOut(principal: Principal, request: RequestContext): Promise<void> {
    const workspaceId = await this.accountSessions.workspaceOf(principal.sessionId);
    try {
      await handleAccountCommand(
        this.store,
        streams.user(principal.userId),
        { type: 'SignOut', data: { userId: principal.userId, sessionId: principal.sessionId } },
        accountContext(request, userOf(principal), workspaceId),
      );
    } catch (error) {
      // The sweeper recorded the expiry a moment ago: the session is over either way.
      if (!(error instanceof DomainError && error.code === 'session_not_found')) throw error;
    }
    await this.sessions.end(principal.sessionId);
  }

  /**
   * Members only: any other workspace answers 404, as if it did not exist.
   * An impersonation stays in its one workspace: the session is the admin's, not the member's.
   */
  async switchWorkspace(principal: Principal, workspaceId: string, request: RequestContext): Promise<SessionView> {
    if (principal.impersonatorId) throw new ConflictException('An impersonation stays in its workspace; end it to switch');
    const membership = await this.directory.membership(principal.userId, workspaceId);
    if (!membership) throw new NotFoundException(`Workspace "${workspaceId}" was not found`);
    await handleAccountCommand(
      this.store,
      streams.user(principal.userId),
      { type: 'SwitchWorkspace', data: { userId: principal.userId, sessionId: principal.sessionId, workspaceId } },
      accountContext(request, userOf(principal), workspaceId),
    );
    await this.accountSessions.moveToWorkspace(principal.sessionId, workspaceId);
    return this.view(principal);
  }
}

function userOf(principal: Principal): DirectoryUser {
  return { id: principal.userId, email: principal.email, displayName: principal.displayName };
}
