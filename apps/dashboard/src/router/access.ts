import type { Role } from '../api/api-types';

/**
 * The workspace permissions the dashboard's pages need, as the domain grants
 * them (libs/domain workspace-permissions.ts); the API checks them again on
 * every request, so this only decides what to show.
 */
export type PageAccess = 'activity.read_workspace' | 'activity.read_own' | 'audit.read' | 'streaming.manage' | 'alerts.personal' | 'alerts.manage';

const GRANTS: Record<Role, readonly PageAccess[]> = {
  owner: ['activity.read_workspace', 'activity.read_own', 'audit.read', 'streaming.manage', 'alerts.personal', 'alerts.manage'],
  admin: ['activity.read_workspace', 'activity.read_own', 'audit.read', 'streaming.manage', 'alerts.personal', 'alerts.manage'],
  auditor: ['activity.read_workspace', 'activity.read_own', 'audit.read', 'alerts.personal'],
  agent: ['activity.read_own', 'alerts.personal'],
  viewer: ['alerts.personal'],
};

export function can(role: Role | undefined, access: PageAccess): boolean {
  return role !== undefined && GRANTS[role].includes(access);
}

const NEEDS: Record<PageAccess, string> = {
  'activity.read_workspace': "reading the whole workspace's activity, which owners, admins and auditors may do",
  'activity.read_own': 'reading your own activity, which every role but viewer may do',
  'audit.read': 'reading the audit log, which owners, admins and auditors may do',
  'streaming.manage': 'managing streaming destinations, which owners and admins may do',
  'alerts.personal': 'a membership of this workspace',
  'alerts.manage': 'managing workspace alert rules, which owners and admins may do',
};

/** Why a page was refused, shown on the page the user lands on instead: "Activity Log is not available to you: ...". */
export function deniedMessage(page: string, role: Role, access: PageAccess): string {
  return `${page} is not available to you: your role in this workspace is ${role}, and it needs ${NEEDS[access]}.`;
}
