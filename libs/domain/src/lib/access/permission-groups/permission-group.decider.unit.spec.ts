import { deciderSpec, fixedContext } from '../../decider-spec';
import { permissionGroupDecider } from './permission-group.decide';
import type { Grantee, PermissionGroupEvent } from './permission-group.events';

const given = (events: PermissionGroupEvent[]) => deciderSpec(permissionGroupDecider, fixedContext()).given(events);

const grant = (grantee: Grantee) => ({ workspaceId: 'ws-1', permissionGroupId: 'pg-exports', grantee });
const user: Grantee = { kind: 'user', id: 'user-1' };
const group: Grantee = { kind: 'group', id: 'user-1' };
const granted = (grantee: Grantee): PermissionGroupEvent => ({ type: 'PermissionGroupGranted', data: grant(grantee) });
const revoked = (grantee: Grantee): PermissionGroupEvent => ({ type: 'PermissionGroupRevoked', data: grant(grantee) });

describe('permission group decider', () => {
  describe('GrantPermissionGroup', () => {
    it('grants the permission group to a user', () => {
      given([]).when({ type: 'GrantPermissionGroup', data: grant(user) }).then([granted(user)]);
    });

    it('grants it to a group even when a user has the same id', () => {
      given([granted(user)]).when({ type: 'GrantPermissionGroup', data: grant(group) }).then([granted(group)]);
    });

    it('refuses a grant that already exists', () => {
      given([granted(user)]).when({ type: 'GrantPermissionGroup', data: grant(user) }).thenThrows('already_granted');
    });

    it('grants again after a revoke', () => {
      given([granted(user), revoked(user)]).when({ type: 'GrantPermissionGroup', data: grant(user) }).then([granted(user)]);
    });
  });

  describe('RevokePermissionGroup', () => {
    it('revokes a grant', () => {
      given([granted(user), granted(group)]).when({ type: 'RevokePermissionGroup', data: grant(group) }).then([revoked(group)]);
    });

    it('refuses a grant that never existed', () => {
      given([granted(user)]).when({ type: 'RevokePermissionGroup', data: grant(group) }).thenThrows('grant_not_found');
    });

    it('refuses to revoke twice', () => {
      given([granted(user), revoked(user)]).when({ type: 'RevokePermissionGroup', data: grant(user) }).thenThrows('grant_not_found');
    });
  });
});
