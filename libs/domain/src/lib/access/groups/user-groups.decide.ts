import { type DecideContext, type Decider, DomainError } from '../../decider';
import { detailChanges } from '../details';
import type {
  AddGroupMember,
  CreateGroup,
  DeleteGroup,
  NestGroup,
  RemoveGroupMember,
  UnnestGroup,
  UpdateGroup,
  UserGroupsCommand,
} from './user-groups.commands';
import type {
  GroupCreated,
  GroupDeleted,
  GroupMemberAdded,
  GroupMemberRemoved,
  GroupNested,
  GroupUnnested,
  GroupUpdated,
  UserGroupsEvent,
} from './user-groups.events';
import { evolveUserGroups, initialUserGroups, type UserGroup, type UserGroups } from './user-groups.state';

export function createGroup({ data }: CreateGroup, _state: UserGroups, { newId }: DecideContext): GroupCreated[] {
  return [{ type: 'GroupCreated', data: { ...data, groupId: newId(), description: data.description ?? '' } }];
}

export function updateGroup({ data }: UpdateGroup, state: UserGroups): GroupUpdated[] {
  const changes = detailChanges(requireGroup(state, data.groupId).details, data);
  return Object.keys(changes).length === 0 ? [] : [{ type: 'GroupUpdated', data: { groupId: data.groupId, changes } }];
}

export function deleteGroup({ data }: DeleteGroup, state: UserGroups): GroupDeleted[] {
  requireGroup(state, data.groupId);
  return [{ type: 'GroupDeleted', data }];
}

export function addGroupMember({ data }: AddGroupMember, state: UserGroups): GroupMemberAdded[] {
  if (requireGroup(state, data.groupId).members.includes(data.userId)) {
    throw new DomainError('already_group_member', `${data.userId} is already in group ${data.groupId}`);
  }
  return [{ type: 'GroupMemberAdded', data }];
}

export function removeGroupMember({ data }: RemoveGroupMember, state: UserGroups): GroupMemberRemoved[] {
  if (!requireGroup(state, data.groupId).members.includes(data.userId)) {
    throw new DomainError('not_group_member', `${data.userId} is not in group ${data.groupId}`);
  }
  return [{ type: 'GroupMemberRemoved', data }];
}

export function nestGroup({ data }: NestGroup, state: UserGroups): GroupNested[] {
  const parent = requireGroup(state, data.parentGroupId);
  requireGroup(state, data.childGroupId);
  if (parent.children.includes(data.childGroupId)) {
    throw new DomainError('already_nested', `Group ${data.childGroupId} is already in group ${data.parentGroupId}`);
  }
  if (contains(state, data.childGroupId, data.parentGroupId)) {
    throw new DomainError('group_cycle', `Group ${data.parentGroupId} is, or is inside, group ${data.childGroupId}`);
  }
  return [{ type: 'GroupNested', data }];
}

export function unnestGroup({ data }: UnnestGroup, state: UserGroups): GroupUnnested[] {
  if (!requireGroup(state, data.parentGroupId).children.includes(data.childGroupId)) {
    throw new DomainError('not_nested', `Group ${data.childGroupId} is not in group ${data.parentGroupId}`);
  }
  return [{ type: 'GroupUnnested', data }];
}

export function decideUserGroups(command: UserGroupsCommand, state: UserGroups, context: DecideContext): UserGroupsEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateGroup':
      return createGroup(command, state, context);
    case 'UpdateGroup':
      return updateGroup(command, state);
    case 'DeleteGroup':
      return deleteGroup(command, state);
    case 'AddGroupMember':
      return addGroupMember(command, state);
    case 'RemoveGroupMember':
      return removeGroupMember(command, state);
    case 'NestGroup':
      return nestGroup(command, state);
    case 'UnnestGroup':
      return unnestGroup(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const userGroupsDecider: Decider<UserGroups, UserGroupsCommand, UserGroupsEvent> = {
  initialState: initialUserGroups,
  evolve: evolveUserGroups,
  decide: decideUserGroups,
};

function requireGroup(state: UserGroups, groupId: string): UserGroup {
  const group = state.groups[groupId];
  if (!group) throw new DomainError('group_not_found', `Group ${groupId} does not exist`);
  return group;
}

/** Whether `groupId` is `ancestorId` or nested in it at any depth. */
function contains(state: UserGroups, ancestorId: string, groupId: string): boolean {
  const seen = new Set<string>();
  const pending = [ancestorId];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (current === groupId) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    pending.push(...(state.groups[current]?.children ?? []));
  }
  return false;
}
