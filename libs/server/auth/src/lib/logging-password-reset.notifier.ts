import { Logger } from '@nestjs/common';
import type { PasswordResetNotifier, PasswordResetRequest } from './password-reset-notifier.port';

/** Stand-in until email delivery exists: says a reset was requested, never the token. */
export class LoggingPasswordResetNotifier implements PasswordResetNotifier {
  private readonly logger = new Logger('PasswordReset');

  async passwordResetRequested({ userId }: PasswordResetRequest): Promise<void> {
    this.logger.log(`password reset requested for user ${userId}`);
  }
}
