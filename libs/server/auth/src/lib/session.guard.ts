import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedRequest } from './principal';
import { hashToken, isSessionToken, SESSION_COOKIE } from './session-token';
import { SessionsRepository } from './sessions.repository';

/** Requires a live session, from the httpOnly cookie or `Authorization: Bearer <token>`. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionsRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = sessionTokenOf(request);
    if (!token) {
      throw new UnauthorizedException('Sign in first: no session cookie or bearer token was sent');
    }
    const principal = await this.sessions.principalFor(hashToken(token));
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
