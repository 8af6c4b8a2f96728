import { applyDetailChanges, type Details } from '../details';
import type { UserGroupsEvent } from './user-groups.events';

export interface UserGroup {
  details: Details;
  members: readonly string[];
  /** Groups nested directly in this one. */
  children: readonly string[];
}

/**
 * All the groups of one workspace are one aggregate: the cycle check then sees the whole nesting
 * graph, and the stream's expected revision stops two concurrent nestings from closing a loop
 * between them, which a graph passed in from a read model could not.
 */
export interface UserGroups {
  groups: Readonly<Record<string, UserGroup>>;
}

export const initialUserGroups = (): UserGroups => ({ groups: {} });

export function evolveUserGroups(state: UserGroups, event: UserGroupsEvent): UserGroups {
  const { type, data } = event;
  const update = (groupId: string, change: (group: UserGroup) => Partial<UserGroup>): UserGroups => ({
    groups: { ...state.groups, [groupId]: { ...state.groups[groupId], ...change(state.groups[groupId]) } },
  });
  switch (type) {
    case 'GroupCreated':
      return { groups: { ...state.groups, [data.groupId]: { details: { name: data.name, description: data.description }, members: [], children: [] } } };
    case 'GroupUpdated':
      return update(data.groupId, (group) => ({ details: applyDetailChanges(group.details, data.changes) }));
    case 'GroupDeleted': {
      const { [data.groupId]: _deleted, ...rest } = state.groups;
      const groups = Object.fromEntries(
        Object.entries(rest).map(([id, group]) => [id, { ...group, children: group.children.filter((child) => child !== data.groupId) }]),
      );
      return { groups };
    }
    case 'GroupMemberAdded':
      return update(data.groupId, (group) => ({ members: [...group.members, data.userId] }));
    case 'GroupMemberRemoved':
      return update(data.groupId, (group) => ({ members: group.members.filter((userId) => userId !== data.userId) }));
    case 'GroupNested':
      return update(data.parentGroupId, (group) => ({ children: [...group.children, data.childGroupId] }));
    case 'GroupUnnested':
      return update(data.parentGroupId, (group) => ({ children: group.children.filter((child) => child !== data.childGroupId) }));
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
