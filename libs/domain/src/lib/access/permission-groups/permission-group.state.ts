import type { Grantee, PermissionGroupEvent } from './permission-group.events';

/** The grants of one permission group. */
export interface PermissionGroup {
  grantees: readonly Grantee[];
}

export const initialPermissionGroup = (): PermissionGroup => ({ grantees: [] });

export const sameGrantee = (a: Grantee, b: Grantee): boolean => a.kind === b.kind && a.id === b.id;

export function evolvePermissionGroup(state: PermissionGroup, event: PermissionGroupEvent): PermissionGroup {
  const { type, data } = event;
  switch (type) {
    case 'PermissionGroupGranted':
      return { grantees: [...state.grantees, data.grantee] };
    case 'PermissionGroupRevoked':
      return { grantees: state.grantees.filter((grantee) => !sameGrantee(grantee, data.grantee)) };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
