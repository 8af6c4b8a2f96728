import { BadRequestException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@trailmark/domain';
import type { Request } from 'express';
import { loginSchema } from './auth.schemas';
import { statusOfDomainError } from './domain-error.filter';
import type { AuthenticatedRequest, Principal } from './principal';
import { requestContextOf } from './request-context.decorator';
import { sessionCookieOptions } from './session-cookie';
import { apiBodyOf, ZodBodyPipe } from './zod-body.pipe';

describe('ZodBodyPipe', () => {
  const pipe = new ZodBodyPipe(loginSchema);

  it('returns the parsed body', () => {
    expect(pipe.transform({ email: 'ada@example.com', password: 'x', extra: true })).toEqual({ email: 'ada@example.com', password: 'x' });
  });

  it('answers 400 with every issue and its path', () => {
    let caught: unknown;
    try {
      pipe.transform({ email: 'nope', password: '' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadRequestException);
    expect((caught as BadRequestException).getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid: email must be an email address; password is required',
      issues: [
        { path: 'email', message: 'must be an email address' },
        { path: 'password', message: 'is required' },
      ],
    });
  });

  it('documents the body from the same schema', () => {
    expect(apiBodyOf(loginSchema)).toMatchObject({ schema: { type: 'object', required: ['email', 'password'] } });
  });
});

describe('sessionCookieOptions', () => {
  it('is httpOnly and Lax on the whole site, Secure only over https', () => {
    const expires = new Date('2026-01-01T12:00:00Z');
    expect(sessionCookieOptions(true, expires)).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/', expires });
    expect(sessionCookieOptions(false)).toEqual({ httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
  });
});

describe('statusOfDomainError', () => {
  it.each([
    ['invitation_not_found', HttpStatus.NOT_FOUND],
    ['already_member', HttpStatus.CONFLICT],
    ['session_not_found', HttpStatus.UNAUTHORIZED],
    ['last_owner', HttpStatus.CONFLICT],
  ])('maps %s to %i', (code, status) => {
    expect(statusOfDomainError(new DomainError(code, 'refused'))).toBe(status);
  });
});

describe('requestContextOf', () => {
  const principal: Principal = { userId: 'u-1', email: 'ada@example.com', displayName: 'Ada', sessionId: 's-1', platformAdmin: false };
  const requestOf = (extra: AuthenticatedRequest) => ({ headers: { 'x-correlation-id': 'c-1' }, ip: '10.0.0.1', ...extra }) as unknown as Request;

  it('names the signed-in member as actor, in the workspace of the route', () => {
    expect(requestContextOf(requestOf({ principal, membership: { workspaceId: 'ws-1', role: 'agent' } }))).toEqual({
      workspaceId: 'ws-1',
      layer: 'workspace',
      actor: { kind: 'user', id: 'u-1', name: 'Ada' },
      ip: '10.0.0.1',
      userAgent: undefined,
      correlationId: 'c-1',
    });
  });

  it('names the impersonating platform admin on the actor', () => {
    const impersonated = { ...principal, impersonatorId: 'admin-1', impersonationWorkspaceId: 'ws-1' };
    expect(requestContextOf(requestOf({ principal: impersonated })).actor).toEqual({ kind: 'user', id: 'u-1', name: 'Ada', impersonatorId: 'admin-1' });
  });
});
