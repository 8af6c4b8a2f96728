import type { DomainEvent } from '../../decider';

/** A permission group is granted to one user or to a user group (and so to everyone in it). */
export interface Grantee {
  kind: 'user' | 'group';
  id: string;
}

interface GrantData {
  workspaceId: string;
  permissionGroupId: string;
  grantee: Grantee;
}

export type PermissionGroupGranted = DomainEvent<'PermissionGroupGranted', GrantData>;
export type PermissionGroupRevoked = DomainEvent<'PermissionGroupRevoked', GrantData>;

export type PermissionGroupEvent = PermissionGroupGranted | PermissionGroupRevoked;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const permissionGroupEventTypes = Object.keys({
  PermissionGroupGranted: true,
  PermissionGroupRevoked: true,
} satisfies Record<PermissionGroupEvent['type'], true>) as PermissionGroupEvent['type'][];
