import type { Command } from '../../decider';

export type CreateGroup = Command<'CreateGroup', { workspaceId: string; name: string; description?: string }>;
/** Fields left out stay as they are. */
export type UpdateGroup = Command<'UpdateGroup', { groupId: string; name?: string; description?: string }>;
export type DeleteGroup = Command<'DeleteGroup', { groupId: string }>;
export type AddGroupMember = Command<'AddGroupMember', { groupId: string; userId: string }>;
export type RemoveGroupMember = Command<'RemoveGroupMember', { groupId: string; userId: string }>;
export type NestGroup = Command<'NestGroup', { parentGroupId: string; childGroupId: string }>;
export type UnnestGroup = Command<'UnnestGroup', { parentGroupId: string; childGroupId: string }>;

export type UserGroupsCommand = CreateGroup | UpdateGroup | DeleteGroup | AddGroupMember | RemoveGroupMember | NestGroup | UnnestGroup;
