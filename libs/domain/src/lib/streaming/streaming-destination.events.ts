import type { DomainEvent } from '../decider';

/** Which events a destination receives: none listed means every event of the workspace. */
export interface StreamingFilter {
  categories: string[];
  eventTypes: string[];
}

export interface StreamingDestinationSettings extends StreamingFilter {
  name: string;
  url: string;
  batchSize: number;
}

/** The events one POST carried, by their first and last position in the global order. */
export interface DeliveredBatch {
  destinationId: string;
  deliveryId: string;
  firstPosition: string;
  lastPosition: string;
  count: number;
  attempt: number;
}

export type StreamingDestinationCreated = DomainEvent<'StreamingDestinationCreated', StreamingDestinationSettings & { destinationId: string; workspaceId: string }>;
export type StreamingDestinationUpdated = DomainEvent<'StreamingDestinationUpdated', StreamingDestinationSettings & { destinationId: string }>;
export type StreamingDestinationPaused = DomainEvent<'StreamingDestinationPaused', { destinationId: string }>;
export type StreamingDestinationResumed = DomainEvent<'StreamingDestinationResumed', { destinationId: string }>;
/** The secret itself is never in an event: only that it changed. */
export type StreamingSecretRotated = DomainEvent<'StreamingSecretRotated', { destinationId: string }>;
export type StreamingDestinationDeleted = DomainEvent<'StreamingDestinationDeleted', { destinationId: string }>;
export type StreamingDestinationTested = DomainEvent<
  'StreamingDestinationTested',
  { destinationId: string; deliveryId: string; statusCode: number | null; succeeded: boolean; error: string | null }
>;
export type StreamingDeliverySucceeded = DomainEvent<'StreamingDeliverySucceeded', DeliveredBatch & { statusCode: number; durationMs: number }>;
export type StreamingDeliveryFailed = DomainEvent<
  'StreamingDeliveryFailed',
  DeliveredBatch & { statusCode: number | null; error: string | null; nextRetryAt: string }
>;

export type StreamingDestinationEvent =
  | StreamingDestinationCreated
  | StreamingDestinationUpdated
  | StreamingDestinationPaused
  | StreamingDestinationResumed
  | StreamingSecretRotated
  | StreamingDestinationDeleted
  | StreamingDestinationTested
  | StreamingDeliverySucceeded
  | StreamingDeliveryFailed;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const streamingDestinationEventTypes = Object.keys({
  StreamingDestinationCreated: true,
  StreamingDestinationUpdated: true,
  StreamingDestinationPaused: true,
  StreamingDestinationResumed: true,
  StreamingSecretRotated: true,
  StreamingDestinationDeleted: true,
  StreamingDestinationTested: true,
  StreamingDeliverySucceeded: true,
  StreamingDeliveryFailed: true,
} satisfies Record<StreamingDestinationEvent['type'], true>) as StreamingDestinationEvent['type'][];

/**
 * What the streaming feature records about its own deliveries. They are never
 * streamed out: each delivery would otherwise produce an event to deliver.
 */
export const STREAMING_DELIVERY_EVENT_TYPES: readonly string[] = ['StreamingDeliverySucceeded', 'StreamingDeliveryFailed', 'StreamingDestinationTested'];
