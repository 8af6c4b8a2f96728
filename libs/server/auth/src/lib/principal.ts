import type { WorkspaceRole } from '@trailmark/domain';

/** The signed-in member behind a request. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  sessionId: string;
  platformAdmin: boolean;
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
