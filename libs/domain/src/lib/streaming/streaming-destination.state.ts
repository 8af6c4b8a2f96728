import type { StreamingDestinationEvent } from './streaming-destination.events';

export interface StreamingDestination {
  status: 'absent' | 'active' | 'paused' | 'deleted';
}

export const initialStreamingDestination = (): StreamingDestination => ({ status: 'absent' });

export function evolveStreamingDestination(state: StreamingDestination, event: StreamingDestinationEvent): StreamingDestination {
  const { type } = event;
  switch (type) {
    case 'StreamingDestinationCreated':
    case 'StreamingDestinationResumed':
      return { status: 'active' };
    case 'StreamingDestinationPaused':
      return { status: 'paused' };
    case 'StreamingDestinationDeleted':
      return { status: 'deleted' };
    case 'StreamingDestinationUpdated':
    case 'StreamingSecretRotated':
    case 'StreamingDestinationTested':
    case 'StreamingDeliverySucceeded':
    case 'StreamingDeliveryFailed':
      return state;
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
