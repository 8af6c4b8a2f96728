import type { DomainEvent } from '../decider';
import type { WorkspaceRole } from './workspace-role';

export type SettingValue = string | number | boolean | null;
/** A setting never set reads as null. */
export type WorkspaceSettings = Readonly<Record<string, SettingValue>>;

export interface SettingChange {
  setting: string;
  previous: SettingValue;
  current: SettingValue;
}

export type WorkspaceCreated = DomainEvent<
  'WorkspaceCreated',
  { workspaceId: string; name: string; owner: { userId: string; email: string }; settings: WorkspaceSettings }
>;
export type WorkspaceRenamed = DomainEvent<'WorkspaceRenamed', { workspaceId: string; previousName: string; name: string }>;
export type WorkspaceSettingsChanged = DomainEvent<'WorkspaceSettingsChanged', { workspaceId: string; changes: SettingChange[] }>;

export type MemberInvited = DomainEvent<'MemberInvited', { workspaceId: string; invitationId: string; email: string; role: WorkspaceRole }>;
export type MemberJoined = DomainEvent<
  'MemberJoined',
  { workspaceId: string; invitationId: string; userId: string; email: string; role: WorkspaceRole }
>;
export type MemberRoleChanged = DomainEvent<
  'MemberRoleChanged',
  { workspaceId: string; userId: string; previousRole: WorkspaceRole; role: WorkspaceRole }
>;
export type MemberRemoved = DomainEvent<'MemberRemoved', { workspaceId: string; userId: string; role: WorkspaceRole }>;

export type WorkspaceEvent =
  | WorkspaceCreated
  | WorkspaceRenamed
  | WorkspaceSettingsChanged
  | MemberInvited
  | MemberJoined
  | MemberRoleChanged
  | MemberRemoved;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const workspaceEventTypes = Object.keys({
  WorkspaceCreated: true,
  WorkspaceRenamed: true,
  WorkspaceSettingsChanged: true,
  MemberInvited: true,
  MemberJoined: true,
  MemberRoleChanged: true,
  MemberRemoved: true,
} satisfies Record<WorkspaceEvent['type'], true>) as WorkspaceEvent['type'][];
