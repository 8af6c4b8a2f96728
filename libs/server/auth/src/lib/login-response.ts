import type { Request, Response } from 'express';
import type { LoginResponseDto } from './auth.dto';
import { setSessionCookie } from './session-cookie';
import type { SignInResult } from './sign-in.service';

/** Sets the session cookie and answers with the same token in the body, for clients that cannot keep cookies. */
export function respondSignedIn(request: Request, response: Response, result: SignInResult): LoginResponseDto {
  setSessionCookie(request, response, result.token, result.expiresAt);
  const { user, workspaces, currentWorkspaceId, token, expiresAt } = result;
  return { user, workspaces, currentWorkspaceId, token, expiresAt: expiresAt.toISOString() };
}
