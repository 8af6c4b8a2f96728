import type { CookieOptions, Request, Response } from 'express';
import { SESSION_COOKIE } from './session-token';

/** httpOnly so scripts never see the token; Lax so a link from elsewhere still arrives signed in. */
export function sessionCookieOptions(secure: boolean, expiresAt?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(expiresAt ? { expires: expiresAt } : {}) };
}

export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: Date): void {
  response.cookie(SESSION_COOKIE, token, sessionCookieOptions(request.secure, expiresAt));
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, sessionCookieOptions(request.secure));
}
