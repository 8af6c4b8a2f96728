import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '@trailmark/command-handling';
import { type Actor, PLATFORM } from '@trailmark/contracts';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest, Membership, Principal } from './principal';

/** Who, from where, under which correlation id: the metadata source for events a request appends. */
export function requestContextOf(request: Request & AuthenticatedRequest): RequestContext {
  const header = request.headers['x-correlation-id'];
  return {
    workspaceId: request.membership?.workspaceId ?? PLATFORM,
    layer: request.membership ? 'workspace' : 'platform',
    actor: request.principal ? actorOf(request.principal) : undefined,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    correlationId: typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID(),
  };
}

/** While a platform admin impersonates the member, every event the request appends names the admin too. */
function actorOf({ userId, displayName, impersonatorId }: Principal): Actor {
  return { kind: 'user', id: userId, name: displayName, ...(impersonatorId ? { impersonatorId } : {}) };
}

export const CurrentRequestContext = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest()),
);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

export const CurrentMembership = createParamDecorator(
  (_: unknown, context: ExecutionContext): Membership | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().membership,
);
