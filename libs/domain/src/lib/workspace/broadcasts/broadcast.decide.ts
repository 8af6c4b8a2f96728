import { type Decider, DomainError } from '../../decider';
import type { BroadcastCommand, SendBroadcast } from './broadcast.commands';
import type { BroadcastEvent, BroadcastSent } from './broadcast.events';
import { type Broadcast, evolveBroadcast, initialBroadcast } from './broadcast.state';

/** A retried request must not send the same broadcast twice. */
export function sendBroadcast({ data }: SendBroadcast, state: Broadcast): BroadcastSent[] {
  if (state.sent) throw new DomainError('broadcast_already_sent', `Broadcast ${data.broadcastId} was already sent`);
  return [{ type: 'BroadcastSent', data }];
}

export function decideBroadcast(command: BroadcastCommand, state: Broadcast): BroadcastEvent[] {
  const { type } = command;
  switch (type) {
    case 'SendBroadcast':
      return sendBroadcast(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const broadcastDecider: Decider<Broadcast, BroadcastCommand, BroadcastEvent> = {
  initialState: initialBroadcast,
  evolve: evolveBroadcast,
  decide: decideBroadcast,
};
