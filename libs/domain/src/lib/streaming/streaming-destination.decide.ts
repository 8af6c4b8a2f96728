import { type DecideContext, type Decider, DomainError } from '../decider';
import type { StreamingDestinationCommand } from './streaming-destination.commands';
import type { StreamingDestinationEvent } from './streaming-destination.events';
import { evolveStreamingDestination, initialStreamingDestination, type StreamingDestination } from './streaming-destination.state';

export function decideStreamingDestination(command: StreamingDestinationCommand, state: StreamingDestination, { newId }: DecideContext): StreamingDestinationEvent[] {
  switch (command.type) {
    case 'CreateStreamingDestination':
      if (state.status !== 'absent') throw new DomainError('streaming_destination_exists', `Destination ${command.data.destinationId} already exists`);
      return [{ type: 'StreamingDestinationCreated', data: command.data }];
    case 'UpdateStreamingDestination':
      requireLive(state, command.data.destinationId);
      return [{ type: 'StreamingDestinationUpdated', data: command.data }];
    case 'PauseStreamingDestination':
      requireLive(state, command.data.destinationId);
      if (state.status === 'paused') throw new DomainError('streaming_destination_paused', `Destination ${command.data.destinationId} is already paused`);
      return [{ type: 'StreamingDestinationPaused', data: command.data }];
    case 'ResumeStreamingDestination':
      requireLive(state, command.data.destinationId);
      if (state.status !== 'paused') throw new DomainError('streaming_destination_not_paused', `Destination ${command.data.destinationId} is not paused`);
      return [{ type: 'StreamingDestinationResumed', data: command.data }];
    case 'RotateStreamingSecret':
      requireLive(state, command.data.destinationId);
      return [{ type: 'StreamingSecretRotated', data: command.data }];
    case 'DeleteStreamingDestination':
      requireLive(state, command.data.destinationId);
      return [{ type: 'StreamingDestinationDeleted', data: command.data }];
    case 'RecordStreamingTest':
      requireLive(state, command.data.destinationId);
      return [{ type: 'StreamingDestinationTested', data: { ...command.data, deliveryId: newId() } }];
    // A delivery in flight when the destination was paused or deleted still happened, so it is recorded.
    case 'RecordStreamingDelivery':
      requireExisting(state, command.data.destinationId);
      return [{ type: 'StreamingDeliverySucceeded', data: command.data }];
    case 'RecordStreamingFailure':
      requireExisting(state, command.data.destinationId);
      return [{ type: 'StreamingDeliveryFailed', data: command.data }];
    default: {
      const unknown: never = command;
      throw new DomainError('unknown_command', `Unknown command ${String((unknown as { type: unknown }).type)}`);
    }
  }
}

export const streamingDestinationDecider: Decider<StreamingDestination, StreamingDestinationCommand, StreamingDestinationEvent> = {
  initialState: initialStreamingDestination,
  evolve: evolveStreamingDestination,
  decide: decideStreamingDestination,
};

function requireExisting(state: StreamingDestination, destinationId: string): void {
  if (state.status === 'absent') throw new DomainError('streaming_destination_not_found', `Destination ${destinationId} does not exist`);
}

function requireLive(state: StreamingDestination, destinationId: string): void {
  requireExisting(state, destinationId);
  if (state.status === 'deleted') throw new DomainError('streaming_destination_deleted', `Destination ${destinationId} was deleted`);
}
