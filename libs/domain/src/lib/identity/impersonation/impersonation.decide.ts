import { type DecideContext, type Decider, DomainError } from '../../decider';
import type { EndImpersonation, ImpersonationCommand, StartImpersonation } from './impersonation.commands';
import type { ImpersonationEnded, ImpersonationEvent, ImpersonationStarted } from './impersonation.events';
import { evolveImpersonation, type Impersonation, initialImpersonation } from './impersonation.state';

export function startImpersonation({ data }: StartImpersonation, state: Impersonation, { newId }: DecideContext): ImpersonationStarted[] {
  if (state.running) throw new DomainError('impersonation_already_running', `${data.impersonatorId} is already impersonating someone`);
  if (data.targetUserId === data.impersonatorId) throw new DomainError('cannot_impersonate_self', 'An admin cannot impersonate themselves');
  return [{ type: 'ImpersonationStarted', data: { impersonationId: newId(), ...data } }];
}

export function endImpersonation({ data }: EndImpersonation, state: Impersonation): ImpersonationEnded[] {
  if (!state.running) throw new DomainError('no_impersonation_running', `${data.impersonatorId} is not impersonating anyone`);
  return [{ type: 'ImpersonationEnded', data: { impersonatorId: data.impersonatorId, ...state.running } }];
}

export function decideImpersonation(command: ImpersonationCommand, state: Impersonation, context: DecideContext): ImpersonationEvent[] {
  const { type } = command;
  switch (type) {
    case 'StartImpersonation':
      return startImpersonation(command, state, context);
    case 'EndImpersonation':
      return endImpersonation(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const impersonationDecider: Decider<Impersonation, ImpersonationCommand, ImpersonationEvent> = {
  initialState: initialImpersonation,
  evolve: evolveImpersonation,
  decide: decideImpersonation,
};
