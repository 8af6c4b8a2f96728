import type { WorkspaceRole } from './workspace-role';

export const WORKSPACE_ACTIONS = [
  'workspace.delete',
  'workspace.transfer_ownership',
  'workspace.administer',
  'members.manage',
  'teams.manage',
  'permissions.manage',
  'api_keys.manage',
  'webhooks.manage',
  'streaming.manage',
  'broadcasts.send',
  'workspace.read',
  'activity.read_workspace',
  'activity.read_own',
  'audit.read',
  'audit.verify',
  'audit.export',
  'records.read',
  'records.write',
  'alerts.manage',
  'alerts.personal',
] as const;

export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

const OWNER_ONLY: readonly WorkspaceAction[] = ['workspace.delete', 'workspace.transfer_ownership'];
const AUDIT: readonly WorkspaceAction[] = ['workspace.read', 'activity.read_workspace', 'activity.read_own', 'audit.read', 'audit.verify', 'audit.export', 'records.read', 'alerts.personal'];

const PERMISSIONS: Record<WorkspaceRole, ReadonlySet<WorkspaceAction>> = {
  owner: new Set(WORKSPACE_ACTIONS),
  admin: new Set(WORKSPACE_ACTIONS.filter((action) => !OWNER_ONLY.includes(action))),
  auditor: new Set(AUDIT),
  agent: new Set(['workspace.read', 'records.read', 'records.write', 'activity.read_own', 'alerts.personal']),
  viewer: new Set(['workspace.read', 'records.read', 'alerts.personal']),
};

/** Who may do what in a workspace; the application checks it before handing a command to a decider. */
export function can(role: WorkspaceRole, action: WorkspaceAction): boolean {
  return PERMISSIONS[role].has(action);
}
