import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, NotFoundException, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PG_POOL } from '@trailmark/database';
import { can, type WorkspaceAction, type WorkspaceRole } from '@trailmark/domain';
import type { Request } from 'express';
import type { Pool } from 'pg';
import type { AuthenticatedRequest } from './principal';

const PERMISSION = 'trailmark:permission';

/** The workspace action a route needs; checked against the caller's role in `:ws`. */
export const RequirePermission = (action: WorkspaceAction) => SetMetadata(PERMISSION, action);

/**
 * Runs after SessionGuard. Members only: a workspace the caller does not
 * belong to answers 404 as if it did not exist, so ids cannot be probed; a
 * member without the route's permission gets 403 naming what was missing.
 * An impersonation covers one workspace: the member's others answer 404 too.
 */
@Injectable()
export class WorkspaceAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const workspaceId = request.params['ws'];
    const principal = request.principal;
    if (!principal || typeof workspaceId !== 'string') {
      throw new ForbiddenException('This route needs a signed-in member and a workspace');
    }
    const { rows } = await this.pool.query<{ role: WorkspaceRole }>(
      'SELECT role FROM directory_members WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, principal.userId],
    );
    const outsideImpersonation = principal.impersonationWorkspaceId !== undefined && principal.impersonationWorkspaceId !== workspaceId;
    if (rows.length === 0 || outsideImpersonation) {
      throw new NotFoundException(`Workspace "${workspaceId}" was not found`);
    }
    const role = rows[0].role;
    const action = this.reflector.getAllAndOverride<WorkspaceAction | undefined>(PERMISSION, [context.getHandler(), context.getClass()]);
    if (action && !can(role, action)) {
      throw new ForbiddenException(`Your role "${role}" does not allow ${action} in this workspace`);
    }
    request.membership = { workspaceId, role };
    return true;
  }
}
