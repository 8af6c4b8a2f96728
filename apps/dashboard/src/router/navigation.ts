import type { Role, WorkspaceSummary } from '../api/api-types';
import { can, deniedMessage, type PageAccess } from './access';

export interface RouteTarget {
  name: string;
  fullPath: string;
  workspaceId?: string;
  title?: string;
  access?: PageAccess;
  isPublic?: boolean;
}

export interface SessionFacts {
  signedIn: boolean;
  workspaces: readonly WorkspaceSummary[];
  currentWorkspaceId: string | null;
}

export type Navigation =
  | { kind: 'allow'; role?: Role }
  | { kind: 'sign-in'; redirect: string }
  | { kind: 'home'; workspaceId: string | null; message?: string };

/** Where a navigation may go: sign-in first, then only your workspaces, then only pages your role may read. */
export function decideNavigation(target: RouteTarget, session: SessionFacts): Navigation {
  if (target.isPublic) return target.name === 'sign-in' && session.signedIn ? { kind: 'home', workspaceId: session.currentWorkspaceId } : { kind: 'allow' };
  if (!session.signedIn) return { kind: 'sign-in', redirect: target.fullPath };
  const fallback = session.workspaces.find(({ id }) => id === session.currentWorkspaceId)?.id ?? session.workspaces[0]?.id ?? null;
  if (!target.workspaceId) return target.name === 'no-workspace' && !fallback ? { kind: 'allow' } : { kind: 'home', workspaceId: fallback };
  const workspace = session.workspaces.find(({ id }) => id === target.workspaceId);
  if (!workspace) return { kind: 'home', workspaceId: fallback, message: 'That workspace is not one of yours, so you are back in your own.' };
  if (target.access && !can(workspace.role, target.access)) {
    return { kind: 'home', workspaceId: workspace.id, message: deniedMessage(target.title ?? 'That page', workspace.role, target.access) };
  }
  return { kind: 'allow', role: workspace.role };
}
