import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether an Authorization header carries the bearer token, compared in constant time. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** Equal-length digests, so the comparison reveals nothing about the token's length either. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
