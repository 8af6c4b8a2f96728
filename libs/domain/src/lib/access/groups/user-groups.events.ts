import type { DomainEvent } from '../../decider';
import type { DetailChanges } from '../details';

export type GroupCreated = DomainEvent<'GroupCreated', { workspaceId: string; groupId: string; name: string; description: string }>;
export type GroupUpdated = DomainEvent<'GroupUpdated', { groupId: string; changes: DetailChanges }>;
/** Deleting a group also detaches it from the groups it was nested in and from the groups nested in it. */
export type GroupDeleted = DomainEvent<'GroupDeleted', { groupId: string }>;
export type GroupMemberAdded = DomainEvent<'GroupMemberAdded', { groupId: string; userId: string }>;
export type GroupMemberRemoved = DomainEvent<'GroupMemberRemoved', { groupId: string; userId: string }>;
export type GroupNested = DomainEvent<'GroupNested', { parentGroupId: string; childGroupId: string }>;
export type GroupUnnested = DomainEvent<'GroupUnnested', { parentGroupId: string; childGroupId: string }>;

export type UserGroupsEvent = GroupCreated | GroupUpdated | GroupDeleted | GroupMemberAdded | GroupMemberRemoved | GroupNested | GroupUnnested;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const userGroupsEventTypes = Object.keys({
  GroupCreated: true,
  GroupUpdated: true,
  GroupDeleted: true,
  GroupMemberAdded: true,
  GroupMemberRemoved: true,
  GroupNested: true,
  GroupUnnested: true,
} satisfies Record<UserGroupsEvent['type'], true>) as UserGroupsEvent['type'][];
