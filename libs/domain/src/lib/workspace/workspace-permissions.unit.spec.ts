import { can, WORKSPACE_ACTIONS, type WorkspaceAction } from './workspace-permissions';
import type { WorkspaceRole } from './workspace-role';

const allowed = (role: WorkspaceRole) => WORKSPACE_ACTIONS.filter((action) => can(role, action));

describe('can(role, action)', () => {
  it('lets owners do everything', () => {
    expect(allowed('owner')).toEqual([...WORKSPACE_ACTIONS]);
  });

  it('lets admins do everything but delete the workspace or transfer ownership', () => {
    expect(allowed('admin')).toEqual(WORKSPACE_ACTIONS.filter((a) => a !== 'workspace.delete' && a !== 'workspace.transfer_ownership'));
  });

  it('lets auditors see the workspace, read, verify and export the log and read records, and nothing else', () => {
    expect(allowed('auditor')).toEqual(['workspace.read', 'activity.read_workspace', 'activity.read_own', 'audit.read', 'audit.verify', 'audit.export', 'records.read', 'alerts.personal']);
  });

  it('lets agents see the workspace, write records and read their own activity', () => {
    expect(allowed('agent')).toEqual(['workspace.read', 'activity.read_own', 'records.read', 'records.write', 'alerts.personal']);
  });

  it('lets viewers see the workspace and read records only', () => {
    expect(allowed('viewer')).toEqual(['workspace.read', 'records.read', 'alerts.personal']);
  });

  it.each<[WorkspaceRole, WorkspaceAction]>([
    ['auditor', 'workspace.administer'],
    ['auditor', 'members.manage'],
    ['auditor', 'records.write'],
    ['agent', 'activity.read_workspace'],
    ['agent', 'audit.read'],
    ['viewer', 'activity.read_own'],
    ['admin', 'workspace.delete'],
    ['admin', 'workspace.transfer_ownership'],
    ['agent', 'api_keys.manage'],
    ['viewer', 'teams.manage'],
    ['agent', 'alerts.manage'],
  ])('refuses %s the action %s', (role, action) => {
    expect(can(role, action)).toBe(false);
  });
});
