import type { DomainEvent } from '../../decider';
import type { DetailChanges } from '../details';

export type TeamCreated = DomainEvent<'TeamCreated', { teamId: string; workspaceId: string; name: string; description: string }>;
export type TeamUpdated = DomainEvent<'TeamUpdated', { teamId: string; changes: DetailChanges }>;
export type TeamDeleted = DomainEvent<'TeamDeleted', { teamId: string }>;
export type TeamMemberAdded = DomainEvent<'TeamMemberAdded', { teamId: string; userId: string }>;
export type TeamMemberRemoved = DomainEvent<'TeamMemberRemoved', { teamId: string; userId: string }>;

export type TeamEvent = TeamCreated | TeamUpdated | TeamDeleted | TeamMemberAdded | TeamMemberRemoved;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const teamEventTypes = Object.keys({
  TeamCreated: true,
  TeamUpdated: true,
  TeamDeleted: true,
  TeamMemberAdded: true,
  TeamMemberRemoved: true,
} satisfies Record<TeamEvent['type'], true>) as TeamEvent['type'][];
