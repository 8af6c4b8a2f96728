import { deciderSpec, fixedContext } from '../decider-spec';
import { streamingDestinationDecider } from './streaming-destination.decide';
import type { StreamingDestinationEvent } from './streaming-destination.events';

const destinationId = 'dest-1';
const given = (events: StreamingDestinationEvent[]) => deciderSpec(streamingDestinationDecider, fixedContext(undefined, ['test-1'])).given(events);

const settings = { name: 'SIEM', url: 'https://siem.example.test/in', categories: ['Auth'], eventTypes: [], batchSize: 100 };
const createData = { destinationId, workspaceId: 'ws-1', ...settings };
const create = { type: 'CreateStreamingDestination' as const, data: createData };
const created: StreamingDestinationEvent = { type: 'StreamingDestinationCreated', data: createData };
const paused: StreamingDestinationEvent = { type: 'StreamingDestinationPaused', data: { destinationId } };
const resumed: StreamingDestinationEvent = { type: 'StreamingDestinationResumed', data: { destinationId } };
const deleted: StreamingDestinationEvent = { type: 'StreamingDestinationDeleted', data: { destinationId } };
const batch = { destinationId, deliveryId: 'dlv-1', firstPosition: 'p1', lastPosition: 'p9', count: 9, attempt: 2 };
const delivery = { type: 'RecordStreamingDelivery' as const, data: { ...batch, statusCode: 204, durationMs: 12 } };
const failure = { type: 'RecordStreamingFailure' as const, data: { ...batch, statusCode: null, error: 'timeout', nextRetryAt: '2026-01-01T00:00:04.000Z' } };

describe('streaming destination decider', () => {
  describe('CreateStreamingDestination', () => {
    it('creates a destination', () => {
      given([]).when(create).then([created]);
    });

    it('refuses to create it twice, even after a delete', () => {
      given([created, deleted]).when(create).thenThrows('streaming_destination_exists');
    });
  });

  describe('UpdateStreamingDestination', () => {
    const update = { type: 'UpdateStreamingDestination' as const, data: { destinationId, ...settings, name: 'SIEM 2', batchSize: 10 } };

    it('updates a paused destination', () => {
      given([created, paused]).when(update).then([{ type: 'StreamingDestinationUpdated', data: update.data }]);
    });

    it('refuses a deleted destination', () => {
      given([created, deleted]).when(update).thenThrows('streaming_destination_deleted');
    });
  });

  describe('Pause and Resume', () => {
    it('pauses an active destination and resumes it', () => {
      given([created]).when({ type: 'PauseStreamingDestination', data: { destinationId } }).then([paused]);
      given([created, paused]).when({ type: 'ResumeStreamingDestination', data: { destinationId } }).then([resumed]);
    });

    it('refuses to pause twice or to resume what runs', () => {
      given([created, paused]).when({ type: 'PauseStreamingDestination', data: { destinationId } }).thenThrows('streaming_destination_paused');
      given([created, paused, resumed]).when({ type: 'ResumeStreamingDestination', data: { destinationId } }).thenThrows('streaming_destination_not_paused');
    });
  });

  describe('RotateStreamingSecret', () => {
    it('records the rotation without the secret', () => {
      given([created]).when({ type: 'RotateStreamingSecret', data: { destinationId } }).then([{ type: 'StreamingSecretRotated', data: { destinationId } }]);
    });

    it('refuses a destination that never existed', () => {
      given([]).when({ type: 'RotateStreamingSecret', data: { destinationId } }).thenThrows('streaming_destination_not_found');
    });
  });

  describe('DeleteStreamingDestination', () => {
    it('deletes a destination, and refuses to delete it again', () => {
      given([created, paused]).when({ type: 'DeleteStreamingDestination', data: { destinationId } }).then([deleted]);
      given([created, deleted]).when({ type: 'DeleteStreamingDestination', data: { destinationId } }).thenThrows('streaming_destination_deleted');
    });
  });

  describe('RecordStreamingTest', () => {
    it('records the answer under a new delivery id', () => {
      given([created])
        .when({ type: 'RecordStreamingTest', data: { destinationId, statusCode: 500, succeeded: false, error: null } })
        .then([{ type: 'StreamingDestinationTested', data: { destinationId, deliveryId: 'test-1', statusCode: 500, succeeded: false, error: null } }]);
    });
  });

  describe('RecordStreamingDelivery and RecordStreamingFailure', () => {
    it('records a success and a failure', () => {
      given([created]).when(delivery).then([{ type: 'StreamingDeliverySucceeded', data: delivery.data }]);
      given([created]).when(failure).then([{ type: 'StreamingDeliveryFailed', data: failure.data }]);
    });

    it('records a delivery that was in flight when the destination was deleted', () => {
      given([created, deleted]).when(delivery).then([{ type: 'StreamingDeliverySucceeded', data: delivery.data }]);
    });

    it('refuses a destination that never existed', () => {
      given([]).when(failure).thenThrows('streaming_destination_not_found');
    });
  });
});
