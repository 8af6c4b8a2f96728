import type { DomainEvent } from '../../decider';

interface ImpersonationData {
  impersonationId: string;
  /** The platform admin acting as someone else. */
  impersonatorId: string;
  targetUserId: string;
  workspaceId: string;
}

export type ImpersonationStarted = DomainEvent<'ImpersonationStarted', ImpersonationData & { reason: string }>;
export type ImpersonationEnded = DomainEvent<'ImpersonationEnded', ImpersonationData>;

export type ImpersonationEvent = ImpersonationStarted | ImpersonationEnded;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const impersonationEventTypes = Object.keys({
  ImpersonationStarted: true,
  ImpersonationEnded: true,
} satisfies Record<ImpersonationEvent['type'], true>) as ImpersonationEvent['type'][];
