import { eventMetadata } from '@trailmark/command-handling';
import { type RecordStreamingDelivery, type RecordStreamingFailure, streamingDestinationDecider } from '@trailmark/domain';
import type { EventStore } from '@trailmark/event-store';
import { randomUUID } from 'node:crypto';
import { derivedId } from './delivery-ids';
import { destinationStream } from './destination-streams';

/**
 * Appends what a delivery attempt came to, to the destination's stream. Ids
 * are derived from the delivery and attempt, so a retried append (after a
 * crash, or by a second runner) writes nothing new.
 */
export async function recordAttempt(store: EventStore, workspaceId: string, command: RecordStreamingDelivery | RecordStreamingFailure): Promise<void> {
  const { destinationId, deliveryId, attempt } = command.data;
  // The worker runs only for a destination that exists, which is all the decider checks for these commands.
  const [event] = streamingDestinationDecider.decide(command, { status: 'active' }, { now: new Date(), newId: randomUUID });
  const succeeded = event.type === 'StreamingDeliverySucceeded';
  await store.appendToStream(destinationStream(workspaceId, destinationId), [
    {
      id: derivedId(event.type, destinationId, deliveryId, succeeded ? 'ok' : String(attempt)),
      type: event.type,
      data: event.data,
      metadata: eventMetadata({ workspaceId }, { result: succeeded ? 'success' : 'failure' }),
    },
  ]);
}
