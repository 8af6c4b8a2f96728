import { hash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'trailmark_session';
const PREFIX = 'tms_';

/** A new session token (shown to the client once) and the hash that is stored. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

/** Tokens are 256 random bits, so a fast hash is enough; only the hash is stored. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export function isSessionToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > PREFIX.length + 20;
}
