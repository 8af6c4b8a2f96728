import { type DecideContext, type Decider, DomainError } from '../decider';
import type {
  ChangeMemberRole,
  ChangeWorkspaceSettings,
  CreateWorkspace,
  InviteMember,
  JoinWorkspace,
  RemoveMember,
  RenameWorkspace,
  WorkspaceCommand,
} from './workspace.commands';
import type {
  MemberInvited,
  MemberJoined,
  MemberRemoved,
  MemberRoleChanged,
  SettingChange,
  WorkspaceCreated,
  WorkspaceEvent,
  WorkspaceRenamed,
  WorkspaceSettingsChanged,
} from './workspace.events';
import { evolveWorkspace, initialWorkspace, type Workspace, type WorkspaceMember } from './workspace.state';

export function createWorkspace({ data }: CreateWorkspace, state: Workspace): WorkspaceCreated[] {
  if (state.exists) throw new DomainError('workspace_already_exists', `Workspace ${data.workspaceId} already exists`);
  return [{ type: 'WorkspaceCreated', data: { ...data, settings: data.settings ?? {} } }];
}

export function renameWorkspace({ data }: RenameWorkspace, state: Workspace): WorkspaceRenamed[] {
  requireWorkspace(state, data.workspaceId);
  if (state.name === data.name) return [];
  return [{ type: 'WorkspaceRenamed', data: { workspaceId: data.workspaceId, previousName: state.name, name: data.name } }];
}

export function changeWorkspaceSettings({ data }: ChangeWorkspaceSettings, state: Workspace): WorkspaceSettingsChanged[] {
  requireWorkspace(state, data.workspaceId);
  const changes: SettingChange[] = Object.entries(data.settings)
    .map(([setting, current]) => ({ setting, previous: state.settings[setting] ?? null, current }))
    .filter(({ previous, current }) => previous !== current);
  return changes.length === 0 ? [] : [{ type: 'WorkspaceSettingsChanged', data: { workspaceId: data.workspaceId, changes } }];
}

export function inviteMember({ data }: InviteMember, state: Workspace, { newId }: DecideContext): MemberInvited[] {
  requireWorkspace(state, data.workspaceId);
  const sameEmail = (entry: WorkspaceMember) => entry.email.toLowerCase() === data.email.toLowerCase();
  if (Object.values(state.members).some(sameEmail)) throw new DomainError('already_member', `${data.email} is already a member`);
  if (Object.values(state.invitations).some(sameEmail)) throw new DomainError('already_invited', `${data.email} is already invited`);
  return [{ type: 'MemberInvited', data: { ...data, invitationId: newId() } }];
}

export function joinWorkspace({ data }: JoinWorkspace, state: Workspace): MemberJoined[] {
  requireWorkspace(state, data.workspaceId);
  const invitation = state.invitations[data.invitationId];
  if (!invitation) throw new DomainError('invitation_not_found', `No pending invitation ${data.invitationId}`);
  if (state.members[data.userId]) throw new DomainError('already_member', `${data.userId} is already a member`);
  return [{ type: 'MemberJoined', data: { ...data, email: invitation.email, role: invitation.role } }];
}

export function changeMemberRole({ data }: ChangeMemberRole, state: Workspace): MemberRoleChanged[] {
  const member = requireMember(state, data.workspaceId, data.userId);
  if (member.role === data.role) return [];
  if (isLastOwner(state, member)) throw new DomainError('last_owner', 'The last owner cannot be demoted');
  return [{ type: 'MemberRoleChanged', data: { ...data, previousRole: member.role } }];
}

export function removeMember({ data }: RemoveMember, state: Workspace): MemberRemoved[] {
  const member = requireMember(state, data.workspaceId, data.userId);
  if (isLastOwner(state, member)) throw new DomainError('last_owner', 'The last owner cannot be removed');
  return [{ type: 'MemberRemoved', data: { ...data, role: member.role } }];
}

export function decideWorkspace(command: WorkspaceCommand, state: Workspace, context: DecideContext): WorkspaceEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateWorkspace':
      return createWorkspace(command, state);
    case 'RenameWorkspace':
      return renameWorkspace(command, state);
    case 'ChangeWorkspaceSettings':
      return changeWorkspaceSettings(command, state);
    case 'InviteMember':
      return inviteMember(command, state, context);
    case 'JoinWorkspace':
      return joinWorkspace(command, state);
    case 'ChangeMemberRole':
      return changeMemberRole(command, state);
    case 'RemoveMember':
      return removeMember(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const workspaceDecider: Decider<Workspace, WorkspaceCommand, WorkspaceEvent> = {
  initialState: initialWorkspace,
  evolve: evolveWorkspace,
  decide: decideWorkspace,
};

function requireWorkspace(state: Workspace, workspaceId: string): void {
  if (!state.exists) throw new DomainError('workspace_not_found', `Workspace ${workspaceId} does not exist`);
}

function requireMember(state: Workspace, workspaceId: string, userId: string): WorkspaceMember {
  requireWorkspace(state, workspaceId);
  const member = state.members[userId];
  if (!member) throw new DomainError('member_not_found', `${userId} is not a member of workspace ${workspaceId}`);
  return member;
}

function isLastOwner(state: Workspace, member: WorkspaceMember): boolean {
  return member.role === 'owner' && Object.values(state.members).filter((m) => m.role === 'owner').length === 1;
}
