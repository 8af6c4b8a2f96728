import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { accountContext, handleAccountCommand } from './account-command';
import { AccountSessionsRepository } from './account-sessions.repository';
import { AUTH_SETTINGS, type AuthSettings } from './auth-options';
import { CredentialsStore } from './credentials.store';
import { DirectoryRepository } from './directory.repository';
import { newPasswordResetToken } from './password-reset-token';
import { PASSWORD_RESET_NOTIFIER, type PasswordResetNotifier } from './password-reset-notifier.port';
import { hashToken } from './session-token';

export const INVALID_RESET = 'The reset token is wrong or has expired; request a new one';

/** Reset events are platform-level: no session, so no workspace, is involved. */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(PASSWORD_RESET_NOTIFIER) private readonly notifier: PasswordResetNotifier,
    private readonly directory: DirectoryRepository,
    private readonly credentials: CredentialsStore,
    private readonly accountSessions: AccountSessionsRepository,
  ) {}

  /** Does nothing for an unknown email; the caller answers the same either way. */
  async request(email: string, request: RequestContext): Promise<void> {
    const user = await this.directory.userByEmail(email);
    if (!user) return;
    const { token, tokenHash } = newPasswordResetToken();
    const expiresAt = new Date(Date.now() + this.settings.passwordResetTtlMinutes * 60_000);
    await handleAccountCommand(
      this.store,
      streams.user(user.id),
      { type: 'RequestPasswordReset', data: { userId: user.id, tokenHash, expiresAt: expiresAt.toISOString() } },
      accountContext(request, user, null),
    );
    await this.notifier.passwordResetRequested({ userId: user.id, email: user.email, displayName: user.displayName, token, expiresAt });
  }

  /** The decider judges the token (and records a failure); only a completed reset stores the password and ends every session. */
  async complete(email: string, token: string, password: string, request: RequestContext): Promise<void> {
    const user = await this.directory.userByEmail(email);
    if (!user) throw new BadRequestException(INVALID_RESET);
    const { events } = await handleAccountCommand(
      this.store,
      streams.user(user.id),
      { type: 'CompletePasswordReset', data: { userId: user.id, tokenHash: hashToken(token) } },
      accountContext(request, user, null),
    );
    if (!events.some((event) => event.type === 'PasswordResetCompleted')) throw new BadRequestException(INVALID_RESET);
    await this.credentials.setPassword(user.id, password);
    await this.accountSessions.endAllOf(user.id);
  }
}
