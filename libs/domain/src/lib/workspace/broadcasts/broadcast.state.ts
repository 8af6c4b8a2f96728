import type { BroadcastEvent } from './broadcast.events';

export interface Broadcast {
  sent: boolean;
}

export const initialBroadcast = (): Broadcast => ({ sent: false });

export function evolveBroadcast(state: Broadcast, event: BroadcastEvent): Broadcast {
  const { type } = event;
  switch (type) {
    case 'BroadcastSent':
      return { sent: true };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
