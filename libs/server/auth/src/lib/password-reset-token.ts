import { randomBytes } from 'node:crypto';
import { hashToken } from './session-token';

const PREFIX = 'tmr_';

/** A reset token for the person's inbox and the SHA-256 recorded in PasswordResetRequested. */
export function newPasswordResetToken(): { token: string; tokenHash: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}
