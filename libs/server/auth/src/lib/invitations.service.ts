import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { eventMetadata, handleCommand, loadAggregate, type RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { DomainError, type MemberJoined, type Workspace, type WorkspaceMember, workspaceDecider } from '@trailmark/domain';
import { EVENT_STORE, type EventStore, type Position } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import type { Pool } from 'pg';
import { accountContext, handleAccountCommand } from './account-command';
import { normalizeEmail, userIdForEmail } from './account-identity';
import { AUTH_SETTINGS, type AuthSettings } from './auth-options';
import { CredentialsStore } from './credentials.store';
import { type DirectoryUser, DirectoryRepository, type WorkspaceSummary } from './directory.repository';
import type { Principal } from './principal';
import { SignInService, type SignInResult } from './sign-in.service';

const ROUTE_ID = /^[\w-]{1,100}$/;
const NO_INVITATION = 'This invitation does not exist or has already been used';

/** Joining a workspace through an invitation, as a signed-in member or as a new account for the invited email. */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    private readonly directory: DirectoryRepository,
    private readonly credentials: CredentialsStore,
    private readonly signIn: SignInService,
  ) {}

  async accept(principal: Principal, workspaceId: string, invitationId: string, request: RequestContext): Promise<WorkspaceSummary> {
    const { invitation, members } = await this.pendingInvitation(workspaceId, invitationId);
    if (members[principal.userId]) throw new ConflictException('You are already a member of this workspace');
    if (normalizeEmail(invitation.email) !== normalizeEmail(principal.email)) {
      throw new ForbiddenException('This invitation was sent to another email address; sign in with that one to accept it');
    }
    const user = { id: principal.userId, email: principal.email, displayName: principal.displayName };
    return this.join(workspaceId, invitationId, user, request);
  }

  /** Creates the account of the invited email, joins, and signs in. */
  async register(
    workspaceId: string,
    invitationId: string,
    { displayName, password }: { displayName: string; password: string },
    request: RequestContext,
  ): Promise<SignInResult> {
    const { invitation } = await this.pendingInvitation(workspaceId, invitationId);
    const alreadyRegistered = new ConflictException(`An account for ${invitation.email} already exists: sign in and accept the invitation instead`);
    if (await this.directory.userByEmail(invitation.email)) throw alreadyRegistered;
    const user = { id: userIdForEmail(invitation.email), email: invitation.email, displayName };
    try {
      await handleAccountCommand(
        this.store,
        streams.user(user.id),
        { type: 'RegisterUser', data: { userId: user.id, email: user.email, displayName } },
        accountContext(request, user, workspaceId),
      );
    } catch (error) {
      throw error instanceof DomainError && error.code === 'account_already_registered' ? alreadyRegistered : error;
    }
    // Only after the registration is ours: a losing race must not overwrite the winner's password.
    await this.credentials.setPassword(user.id, password);
    await this.join(workspaceId, invitationId, user, request);
    return this.signIn.signIn(user.email, password, request);
  }

  private async pendingInvitation(workspaceId: string, invitationId: string): Promise<{ invitation: WorkspaceMember; members: Workspace['members'] }> {
    if (!ROUTE_ID.test(workspaceId) || !ROUTE_ID.test(invitationId)) throw new NotFoundException(NO_INVITATION);
    const { state } = await loadAggregate(this.store, streams.workspace(workspaceId), workspaceDecider);
    const invitation = state.invitations[invitationId];
    if (!invitation) throw new NotFoundException(NO_INVITATION);
    return { invitation, members: state.members };
  }

  private async join(workspaceId: string, invitationId: string, user: DirectoryUser, request: RequestContext): Promise<WorkspaceSummary> {
    const context = accountContext(request, user, workspaceId);
    const { events, state, append } = await handleCommand(
      this.store,
      streams.workspace(workspaceId),
      workspaceDecider,
      { type: 'JoinWorkspace', data: { workspaceId, invitationId, userId: user.id } },
      { metadata: () => eventMetadata(context) },
    );
    await this.awaitDirectory(append?.position);
    const [joined] = events as MemberJoined[];
    return { id: workspaceId, name: state.name, role: joined.data.role };
  }

  /** The next request (a sign-in, a page load) must see what was just written. */
  private async awaitDirectory(position: Position | undefined): Promise<void> {
    if (position && !(await waitForCheckpoint(this.pool, DIRECTORY_PROJECTION, position, this.settings.directoryWaitMs))) {
      throw new ServiceUnavailableException('Saved, but the directory has not caught up yet; try again in a moment');
    }
  }
}
