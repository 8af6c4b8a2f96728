import type { WorkspaceEvent, WorkspaceSettings } from './workspace.events';
import type { WorkspaceRole } from './workspace-role';

export interface WorkspaceMember {
  email: string;
  role: WorkspaceRole;
}

export interface Workspace {
  exists: boolean;
  name: string;
  settings: WorkspaceSettings;
  /** By user id. */
  members: Readonly<Record<string, WorkspaceMember>>;
  /** Pending invitations by invitation id. */
  invitations: Readonly<Record<string, WorkspaceMember>>;
}

export const initialWorkspace = (): Workspace => ({ exists: false, name: '', settings: {}, members: {}, invitations: {} });

export function evolveWorkspace(state: Workspace, event: WorkspaceEvent): Workspace {
  const { type, data } = event;
  switch (type) {
    case 'WorkspaceCreated':
      return {
        ...state,
        exists: true,
        name: data.name,
        settings: data.settings,
        members: { [data.owner.userId]: { email: data.owner.email, role: 'owner' } },
      };
    case 'WorkspaceRenamed':
      return { ...state, name: data.name };
    case 'WorkspaceSettingsChanged':
      return { ...state, settings: { ...state.settings, ...Object.fromEntries(data.changes.map((c) => [c.setting, c.current])) } };
    case 'MemberInvited':
      return { ...state, invitations: { ...state.invitations, [data.invitationId]: { email: data.email, role: data.role } } };
    case 'MemberJoined': {
      const { [data.invitationId]: _accepted, ...invitations } = state.invitations;
      return { ...state, invitations, members: { ...state.members, [data.userId]: { email: data.email, role: data.role } } };
    }
    case 'MemberRoleChanged':
      return { ...state, members: { ...state.members, [data.userId]: { ...state.members[data.userId], role: data.role } } };
    case 'MemberRemoved': {
      const { [data.userId]: _removed, ...members } = state.members;
      return { ...state, members };
    }
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
