import { deciderSpec, fixedContext } from '../../decider-spec';
import { userGroupsDecider } from './user-groups.decide';
import type { UserGroupsEvent } from './user-groups.events';

const given = (events: UserGroupsEvent[]) => deciderSpec(userGroupsDecider, fixedContext(undefined, ['group-new'])).given(events);

const created = (groupId: string, name = groupId): UserGroupsEvent => ({
  type: 'GroupCreated',
  data: { workspaceId: 'ws-1', groupId, name, description: '' },
});
const deleted = (groupId: string): UserGroupsEvent => ({ type: 'GroupDeleted', data: { groupId } });
const nested = (parentGroupId: string, childGroupId: string): UserGroupsEvent => ({ type: 'GroupNested', data: { parentGroupId, childGroupId } });
const unnested = (parentGroupId: string, childGroupId: string): UserGroupsEvent => ({ type: 'GroupUnnested', data: { parentGroupId, childGroupId } });
const memberAdded = (groupId: string, userId: string): UserGroupsEvent => ({ type: 'GroupMemberAdded', data: { groupId, userId } });
const memberRemoved = (groupId: string, userId: string): UserGroupsEvent => ({ type: 'GroupMemberRemoved', data: { groupId, userId } });

const nest = (parentGroupId: string, childGroupId: string) => ({ type: 'NestGroup' as const, data: { parentGroupId, childGroupId } });

/** a ⊃ b ⊃ c, and d on its own. */
const chain = [created('a'), created('b'), created('c'), created('d'), nested('a', 'b'), nested('b', 'c')];

describe('user groups decider', () => {
  describe('CreateGroup', () => {
    it('creates a group with a new id', () => {
      given([])
        .when({ type: 'CreateGroup', data: { workspaceId: 'ws-1', name: 'Billing', description: 'Invoices' } })
        .then([{ type: 'GroupCreated', data: { workspaceId: 'ws-1', groupId: 'group-new', name: 'Billing', description: 'Invoices' } }]);
    });

    it('creates a group without a description', () => {
      given([created('a')])
        .when({ type: 'CreateGroup', data: { workspaceId: 'ws-1', name: 'Billing' } })
        .then([{ type: 'GroupCreated', data: { workspaceId: 'ws-1', groupId: 'group-new', name: 'Billing', description: '' } }]);
    });
  });

  describe('UpdateGroup', () => {
    const update = (data: { name?: string; description?: string }) => ({ type: 'UpdateGroup' as const, data: { groupId: 'a', ...data } });

    it('records the changed name and description', () => {
      given([created('a', 'Sales')])
        .when(update({ name: 'Revenue', description: 'Sales and renewals' }))
        .then([
          {
            type: 'GroupUpdated',
            data: {
              groupId: 'a',
              changes: { name: { previous: 'Sales', current: 'Revenue' }, description: { previous: '', current: 'Sales and renewals' } },
            },
          },
        ]);
    });

    it('records nothing when nothing changes', () => {
      given([created('a', 'Sales'), { type: 'GroupUpdated', data: { groupId: 'a', changes: { name: { previous: 'Sales', current: 'Revenue' } } } }])
        .when(update({ name: 'Revenue', description: '' }))
        .then([]);
    });

    it('refuses a group that does not exist', () => {
      given([]).when(update({ name: 'Revenue' })).thenThrows('group_not_found');
    });
  });

  describe('DeleteGroup', () => {
    it('deletes a group', () => {
      given(chain).when({ type: 'DeleteGroup', data: { groupId: 'b' } }).then([deleted('b')]);
    });

    it('refuses to delete twice', () => {
      given([created('a'), deleted('a')]).when({ type: 'DeleteGroup', data: { groupId: 'a' } }).thenThrows('group_not_found');
    });

    it('detaches a deleted group from its parents', () => {
      given([...chain, deleted('b')]).when({ type: 'UnnestGroup', data: { parentGroupId: 'a', childGroupId: 'b' } }).thenThrows('not_nested');
    });

    it('detaches the groups that were nested in it', () => {
      given([...chain, deleted('b')]).when(nest('c', 'a')).then([nested('c', 'a')]);
    });
  });

  describe('AddGroupMember', () => {
    const add = (userId: string) => ({ type: 'AddGroupMember' as const, data: { groupId: 'a', userId } });

    it('adds a member', () => {
      given([created('a')]).when(add('user-1')).then([memberAdded('a', 'user-1')]);
    });

    it('refuses someone already in the group', () => {
      given([created('a'), memberAdded('a', 'user-1')]).when(add('user-1')).thenThrows('already_group_member');
    });

    it('adds back someone who was removed', () => {
      given([created('a'), memberAdded('a', 'user-1'), memberRemoved('a', 'user-1')]).when(add('user-1')).then([memberAdded('a', 'user-1')]);
    });

    it('refuses a group that does not exist', () => {
      given([]).when(add('user-1')).thenThrows('group_not_found');
    });
  });

  describe('RemoveGroupMember', () => {
    const remove = (userId: string) => ({ type: 'RemoveGroupMember' as const, data: { groupId: 'a', userId } });

    it('removes a member', () => {
      given([created('a'), memberAdded('a', 'user-1')]).when(remove('user-1')).then([memberRemoved('a', 'user-1')]);
    });

    it('refuses someone not in the group', () => {
      given([created('a'), memberAdded('a', 'user-2')]).when(remove('user-1')).thenThrows('not_group_member');
    });

    it('refuses a group that does not exist', () => {
      given([]).when(remove('user-1')).thenThrows('group_not_found');
    });
  });

  describe('NestGroup', () => {
    it('nests one group in another', () => {
      given(chain).when(nest('a', 'd')).then([nested('a', 'd')]);
    });

    it('lets a group sit in several parents', () => {
      given(chain).when(nest('d', 'c')).then([nested('d', 'c')]);
    });

    it('refuses to nest a group in itself', () => {
      given(chain).when(nest('a', 'a')).thenThrows('group_cycle');
    });

    it('refuses a direct cycle', () => {
      given(chain).when(nest('b', 'a')).thenThrows('group_cycle');
    });

    it('refuses a transitive cycle', () => {
      given(chain).when(nest('c', 'a')).thenThrows('group_cycle');
    });

    it('allows the nesting once the loop it would close is broken', () => {
      given([...chain, unnested('b', 'c')]).when(nest('c', 'a')).then([nested('c', 'a')]);
    });

    it('refuses a nesting that already exists', () => {
      given(chain).when(nest('a', 'b')).thenThrows('already_nested');
    });

    it('refuses an unknown parent', () => {
      given(chain).when(nest('x', 'a')).thenThrows('group_not_found');
    });

    it('refuses an unknown child', () => {
      given(chain).when(nest('a', 'x')).thenThrows('group_not_found');
    });
  });

  describe('UnnestGroup', () => {
    const unnest = (parentGroupId: string, childGroupId: string) => ({ type: 'UnnestGroup' as const, data: { parentGroupId, childGroupId } });

    it('takes a group out of its parent', () => {
      given(chain).when(unnest('a', 'b')).then([unnested('a', 'b')]);
    });

    it('refuses a group not directly in that parent', () => {
      given(chain).when(unnest('a', 'c')).thenThrows('not_nested');
    });

    it('refuses an unknown parent', () => {
      given(chain).when(unnest('x', 'a')).thenThrows('group_not_found');
    });
  });
});
