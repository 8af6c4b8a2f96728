import { ForbiddenException } from '@nestjs/common';
import type { Membership, Principal } from '@trailmark/auth';
import { can, type WorkspaceAction } from '@trailmark/domain';
import type { ActivityAudience } from './activity-filter.sql';
import type { ActivityScopeQuery } from './activity-query.schema';

function allow(membership: Membership, action: WorkspaceAction): void {
  if (!can(membership.role, action)) {
    throw new ForbiddenException(`Your role "${membership.role}" does not allow ${action} in this workspace`);
  }
}

/** Whose activity a scope shows: everyone's needs activity.read_workspace, your own activity.read_own. */
export function scopedAudience(scope: ActivityScopeQuery['scope'], principal: Principal, membership: Membership): ActivityAudience {
  allow(membership, scope === 'workspace' ? 'activity.read_workspace' : 'activity.read_own');
  return { workspaceId: membership.workspaceId, actorId: scope === 'mine' ? principal.userId : undefined };
}

/** One event: anyone's for who may read the workspace's activity, else only your own. */
export function detailAudience(principal: Principal, membership: Membership): ActivityAudience {
  if (can(membership.role, 'activity.read_workspace')) return { workspaceId: membership.workspaceId };
  return scopedAudience('mine', principal, membership);
}
