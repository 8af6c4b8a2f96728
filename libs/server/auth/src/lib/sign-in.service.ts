import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import type { SignedIn, SignIn } from '@trailmark/domain';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { accountContext, handleAccountCommand } from './account-command';
import { unknownEmailStream, unknownEmailSubject } from './account-identity';
import { AUTH_SETTINGS, type AuthSettings } from './auth-options';
import { CredentialsStore } from './credentials.store';
import { type DirectoryUser, DirectoryRepository, type WorkspaceSummary } from './directory.repository';
import { newSessionToken } from './session-token';
import { SessionsRepository } from './sessions.repository';

export interface SessionView {
  user: DirectoryUser;
  workspaces: WorkspaceSummary[];
  currentWorkspaceId: string | null;
  /** While a platform admin impersonates the user: the admin. */
  impersonatorId?: string;
}

export interface SignInResult extends SessionView {
  token: string;
  expiresAt: Date;
}

/** One message for an unknown email and a wrong password, so answers never tell which emails have accounts. */
export const WRONG_CREDENTIALS = 'Email or password is wrong';
const UNKNOWN_IP = 'unknown';

/**
 * Checks the password outside the domain, lets the user-account decider
 * decide (success, failure, lock), and opens a session on SignedIn.
 */
@Injectable()
export class SignInService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    private readonly directory: DirectoryRepository,
    private readonly credentials: CredentialsStore,
    private readonly sessions: SessionsRepository,
  ) {}

  async signIn(email: string, password: string, request: RequestContext): Promise<SignInResult> {
    const user = await this.directory.userByEmail(email);
    const passwordMatches = await this.credentials.verify(user?.id, password);
    if (!user) {
      await this.recordUnknownEmail(email, request);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    const workspaces = await this.directory.workspacesOf(user.id);
    const workspaceId = workspaces[0]?.id ?? null;
    const { events, state } = await handleAccountCommand(
      this.store,
      streams.user(user.id),
      { type: 'SignIn', data: { ...this.attempt(user.id, user.email, request), passwordMatches, workspaceId: workspaceId ?? undefined } },
      accountContext(request, user, workspaceId),
    );
    const signedIn = events.find((event): event is SignedIn => event.type === 'SignedIn');
    if (signedIn) {
      return { ...(await this.openSession(user.id, signedIn.data.sessionId, workspaceId)), user, workspaces, currentWorkspaceId: workspaceId };
    }
    if (state.lockedUntil !== null && new Date(state.lockedUntil) > new Date()) {
      const message = `Account locked until ${state.lockedUntil}`;
      throw new HttpException({ statusCode: HttpStatus.LOCKED, error: 'Locked', message }, HttpStatus.LOCKED);
    }
    throw new UnauthorizedException(WRONG_CREDENTIALS);
  }

  /** No account, so the attempt's user id is the unknown-email stream's pseudonymous subject. */
  private async recordUnknownEmail(email: string, request: RequestContext): Promise<void> {
    await handleAccountCommand(
      this.store,
      unknownEmailStream(email),
      { type: 'SignIn', data: { ...this.attempt(unknownEmailSubject(email), email, request), passwordMatches: false } },
      accountContext(request, undefined, null),
    );
  }

  private attempt(userId: string, email: string, request: RequestContext): Omit<SignIn['data'], 'passwordMatches'> {
    return {
      userId,
      email,
      ip: request.ip ?? UNKNOWN_IP,
      userAgent: request.userAgent,
      lockout: { maxFailedAttempts: this.settings.lockoutThreshold, lockMinutes: this.settings.lockMinutes },
    };
  }

  private async openSession(userId: string, sessionId: string, workspaceId: string | null): Promise<{ token: string; expiresAt: Date }> {
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(Date.now() + this.settings.sessionTtlHours * 3_600_000);
    await this.sessions.create({ sessionId, userId, tokenHash, workspaceId, expiresAt });
    return { token, expiresAt };
  }
}
