import type { WorkspaceRole } from '@trailmark/domain';

/**
 * The member a request acts as: the one signed in, or the one a platform
 * admin signed in as the session impersonates.
 */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  sessionId: string;
  platformAdmin: boolean;
  /** While impersonating: the platform admin actually signed in. */
  impersonatorId?: string;
  /** While impersonating: the one workspace the impersonation covers. */
  impersonationWorkspaceId?: string;
}

/** The principal's place in the workspace named by the route's `:ws`. */
export interface Membership {
  workspaceId: string;
  role: WorkspaceRole;
}

export interface AuthenticatedRequest {
  principal?: Principal;
  membership?: Membership;
}
