import type { WorkspaceSummary } from '../api/api-types';
import { can, deniedMessage } from './access';
import { decideNavigation, type RouteTarget } from './navigation';

const WORKSPACES: WorkspaceSummary[] = [
  { id: 'ws-admin', name: 'Support', role: 'admin' },
  { id: 'ws-agent', name: 'Sales', role: 'agent' },
  { id: 'ws-viewer', name: 'Finance', role: 'viewer' },
];
const signedIn = { signedIn: true, workspaces: WORKSPACES, currentWorkspaceId: 'ws-agent' };
const activityLog = (workspaceId: string): RouteTarget => ({
  name: 'activity-log',
  fullPath: `/w/${workspaceId}/activity`,
  workspaceId,
  title: 'Activity Log',
  access: 'activity.read_workspace',
});

describe('what each role may open', () => {
  it('gives the workspace feed and the audit log to owners, admins and auditors only', () => {
    expect((['owner', 'admin', 'auditor', 'agent', 'viewer'] as const).map((role) => can(role, 'activity.read_workspace'))).toEqual([true, true, true, false, false]);
    expect((['owner', 'admin', 'auditor', 'agent', 'viewer'] as const).map((role) => can(role, 'audit.read'))).toEqual([true, true, true, false, false]);
    expect((['owner', 'admin', 'auditor', 'agent', 'viewer'] as const).map((role) => can(role, 'activity.read_own'))).toEqual([true, true, true, true, false]);
    expect(can(undefined, 'activity.read_own')).toBe(false);
  });
});

describe('deciding a navigation', () => {
  it('sends someone signed out to sign-in, keeping where they were going', () => {
    expect(decideNavigation(activityLog('ws-admin'), { signedIn: false, workspaces: [], currentWorkspaceId: null })).toEqual({ kind: 'sign-in', redirect: '/w/ws-admin/activity' });
  });

  it('lets an admin open the Activity Log', () => {
    expect(decideNavigation(activityLog('ws-admin'), signedIn)).toEqual({ kind: 'allow', role: 'admin' });
  });

  it('sends an agent or a viewer home from the Activity Log, saying why', () => {
    expect(decideNavigation(activityLog('ws-agent'), signedIn)).toEqual({
      kind: 'home',
      workspaceId: 'ws-agent',
      message:
        "Activity Log is not available to you: your role in this workspace is agent, and it needs reading the whole workspace's activity, which owners, admins and auditors may do.",
    });
    expect(decideNavigation(activityLog('ws-viewer'), signedIn)).toMatchObject({ kind: 'home', workspaceId: 'ws-viewer', message: expect.stringContaining('your role in this workspace is viewer') });
    expect(deniedMessage('Audit log', 'agent', 'audit.read')).toBe(
      'Audit log is not available to you: your role in this workspace is agent, and it needs reading the audit log, which owners, admins and auditors may do.',
    );
  });

  it("sends a workspace that is not yours to your current one's home", () => {
    expect(decideNavigation(activityLog('ws-stranger'), signedIn)).toEqual({
      kind: 'home',
      workspaceId: 'ws-agent',
      message: 'That workspace is not one of yours, so you are back in your own.',
    });
  });

  it('takes / and sign-in (when signed in) to the current workspace, and someone without one to the no-workspace page', () => {
    expect(decideNavigation({ name: 'root', fullPath: '/' }, signedIn)).toEqual({ kind: 'home', workspaceId: 'ws-agent' });
    expect(decideNavigation({ name: 'sign-in', fullPath: '/sign-in', isPublic: true }, signedIn)).toEqual({ kind: 'home', workspaceId: 'ws-agent' });
    const alone = { signedIn: true, workspaces: [], currentWorkspaceId: null };
    expect(decideNavigation({ name: 'root', fullPath: '/' }, alone)).toEqual({ kind: 'home', workspaceId: null });
    expect(decideNavigation({ name: 'no-workspace', fullPath: '/no-workspace' }, alone)).toEqual({ kind: 'allow' });
    expect(decideNavigation({ name: 'sign-in', fullPath: '/sign-in', isPublic: true }, { ...alone, signedIn: false })).toEqual({ kind: 'allow' });
  });
});
