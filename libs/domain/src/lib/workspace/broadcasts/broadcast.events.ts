import type { DomainEvent } from '../../decider';

export type BroadcastAudience = { kind: 'workspace' } | { kind: 'team'; teamId: string } | { kind: 'group'; groupId: string };

export type BroadcastSent = DomainEvent<
  'BroadcastSent',
  { broadcastId: string; workspaceId: string; subject: string; body: string; audience: BroadcastAudience }
>;

export type BroadcastEvent = BroadcastSent;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const broadcastEventTypes = Object.keys({
  BroadcastSent: true,
} satisfies Record<BroadcastEvent['type'], true>) as BroadcastEvent['type'][];
