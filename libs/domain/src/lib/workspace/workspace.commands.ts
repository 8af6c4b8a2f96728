import type { Command } from '../decider';
import type { WorkspaceSettings } from './workspace.events';
import type { WorkspaceRole } from './workspace-role';

export type CreateWorkspace = Command<
  'CreateWorkspace',
  { workspaceId: string; name: string; owner: { userId: string; email: string }; settings?: WorkspaceSettings }
>;
export type RenameWorkspace = Command<'RenameWorkspace', { workspaceId: string; name: string }>;
/** Only the settings named are considered; null clears one. */
export type ChangeWorkspaceSettings = Command<'ChangeWorkspaceSettings', { workspaceId: string; settings: WorkspaceSettings }>;
export type InviteMember = Command<'InviteMember', { workspaceId: string; email: string; role: WorkspaceRole }>;
/** The application has checked that the invitation link belongs to this user. */
export type JoinWorkspace = Command<'JoinWorkspace', { workspaceId: string; invitationId: string; userId: string }>;
export type ChangeMemberRole = Command<'ChangeMemberRole', { workspaceId: string; userId: string; role: WorkspaceRole }>;
export type RemoveMember = Command<'RemoveMember', { workspaceId: string; userId: string }>;

export type WorkspaceCommand =
  | CreateWorkspace
  | RenameWorkspace
  | ChangeWorkspaceSettings
  | InviteMember
  | JoinWorkspace
  | ChangeMemberRole
  | RemoveMember;
