import type { IncomingHttpHeaders } from 'node:http';
import { isSessionToken, SESSION_COOKIE, sessionTokenOf } from '@trailmark/auth';
import type { Request } from 'express';

export interface HandshakeCredentials {
  auth: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/**
 * The session token a Socket.IO handshake carries: `auth.token` (browsers
 * cannot set headers on a WebSocket), else what the HTTP API would take from
 * the same headers (`Authorization: Bearer`, then the session cookie).
 */
export function handshakeToken({ auth, headers }: HandshakeCredentials): string | undefined {
  const token = auth['token'];
  if (typeof token === 'string' && isSessionToken(token)) return token;
  const session = cookieValue(headers.cookie, SESSION_COOKIE);
  return sessionTokenOf({ headers, cookies: session === undefined ? {} : { [SESSION_COOKIE]: session } } as Request);
}

/** One cookie of a Cookie header, decoded as cookie-parser decodes it for the HTTP routes. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
