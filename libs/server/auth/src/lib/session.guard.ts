import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthenticatedRequest } from './principal';
import { hashToken, isSessionToken, SESSION_COOKIE } from './session-token';
import { SessionsRepository } from './sessions.repository';

const IGNORE_IMPERSONATION = 'trailmark:ignore-impersonation';

/**
 * On routes that act for whoever actually signed in even while they
 * impersonate someone: platform routes, and the session's own end.
 */
export const IgnoreImpersonation = () => SetMetadata(IGNORE_IMPERSONATION, true);

/** Requires a live session, from the httpOnly cookie or `Authorization: Bearer <token>`. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = sessionTokenOf(request);
    if (!token) {
      throw new UnauthorizedException('Sign in first: no session cookie or bearer token was sent');
    }
    const asSignedIn = this.reflector.getAllAndOverride<boolean | undefined>(IGNORE_IMPERSONATION, [context.getHandler(), context.getClass()]);
    const principal = await this.sessions.principalFor(hashToken(token), { asSignedIn: asSignedIn === true });
    if (!principal) {
      throw new UnauthorizedException('The session has ended or expired; sign in again');
    }
    request.principal = principal;
    return true;
  }
}

export function sessionTokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    return isSessionToken(token) ? token : undefined;
  }
  const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie && isSessionToken(cookie) ? cookie : undefined;
}
