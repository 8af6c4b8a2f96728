import type { ImpersonationEvent } from './impersonation.events';

export interface Impersonation {
  running: { impersonationId: string; targetUserId: string; workspaceId: string } | null;
}

export const initialImpersonation = (): Impersonation => ({ running: null });

export function evolveImpersonation(state: Impersonation, event: ImpersonationEvent): Impersonation {
  const { type, data } = event;
  switch (type) {
    case 'ImpersonationStarted':
      return { running: { impersonationId: data.impersonationId, targetUserId: data.targetUserId, workspaceId: data.workspaceId } };
    case 'ImpersonationEnded':
      return { running: null };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
