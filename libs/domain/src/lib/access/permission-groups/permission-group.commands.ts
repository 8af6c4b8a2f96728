import type { Command } from '../../decider';
import type { Grantee } from './permission-group.events';

export type GrantPermissionGroup = Command<'GrantPermissionGroup', { workspaceId: string; permissionGroupId: string; grantee: Grantee }>;
export type RevokePermissionGroup = Command<'RevokePermissionGroup', { workspaceId: string; permissionGroupId: string; grantee: Grantee }>;

export type PermissionGroupCommand = GrantPermissionGroup | RevokePermissionGroup;
