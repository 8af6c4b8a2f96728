import { PLATFORM, streams } from '@trailmark/contracts';
import { createHash, hash, randomInt } from 'node:crypto';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A user's id is a UUIDv8 made from the SHA-256 of the normalized email, so
 * two registrations of one email meet on one stream and the decider refuses
 * the second (the event store's optimistic concurrency makes that hold across
 * processes). Random ids would let a race register the email twice, which the
 * directory's unique email index would then reject forever. Holds while
 * emails never change; an email change must bring an email-claim stream.
 */
export function userIdForEmail(email: string): string {
  const bytes = createHash('sha256').update(`trailmark:user:${normalizeEmail(email)}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Failed sign-ins with an email no account has go to a platform activity
 * stream named by a hash of the email, not to `user-…`: that category holds
 * only real accounts, and one stream per email keeps a spraying attack's
 * attempts on any one address together.
 */
export function unknownEmailSubject(email: string): string {
  return `signin_${hash('sha256', normalizeEmail(email), 'hex').slice(0, 16)}`;
}

export function unknownEmailStream(email: string): string {
  return streams.activity(PLATFORM, unknownEmailSubject(email));
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Letters and digits without the look-alikes (0/O, 1/l/I): about 5.8 bits per character. */
export function generatePassword(length = 20): string {
  return Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}
