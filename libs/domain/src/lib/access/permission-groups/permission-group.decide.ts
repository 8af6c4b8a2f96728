import { type Decider, DomainError } from '../../decider';
import type { GrantPermissionGroup, PermissionGroupCommand, RevokePermissionGroup } from './permission-group.commands';
import type { Grantee, PermissionGroupEvent, PermissionGroupGranted, PermissionGroupRevoked } from './permission-group.events';
import { evolvePermissionGroup, initialPermissionGroup, type PermissionGroup, sameGrantee } from './permission-group.state';

export function grantPermissionGroup({ data }: GrantPermissionGroup, state: PermissionGroup): PermissionGroupGranted[] {
  if (state.grantees.some((grantee) => sameGrantee(grantee, data.grantee))) {
    throw new DomainError('already_granted', `Permission group ${data.permissionGroupId} is already granted to ${granteeLabel(data.grantee)}`);
  }
  return [{ type: 'PermissionGroupGranted', data }];
}

export function revokePermissionGroup({ data }: RevokePermissionGroup, state: PermissionGroup): PermissionGroupRevoked[] {
  if (!state.grantees.some((grantee) => sameGrantee(grantee, data.grantee))) {
    throw new DomainError('grant_not_found', `Permission group ${data.permissionGroupId} is not granted to ${granteeLabel(data.grantee)}`);
  }
  return [{ type: 'PermissionGroupRevoked', data }];
}

export function decidePermissionGroup(command: PermissionGroupCommand, state: PermissionGroup): PermissionGroupEvent[] {
  const { type } = command;
  switch (type) {
    case 'GrantPermissionGroup':
      return grantPermissionGroup(command, state);
    case 'RevokePermissionGroup':
      return revokePermissionGroup(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const permissionGroupDecider: Decider<PermissionGroup, PermissionGroupCommand, PermissionGroupEvent> = {
  initialState: initialPermissionGroup,
  evolve: evolvePermissionGroup,
  decide: decidePermissionGroup,
};

function granteeLabel(grantee: Grantee): string {
  return `${grantee.kind} ${grantee.id}`;
}
