import type { Command } from '../decider';
import type { DeliveredBatch, StreamingDestinationSettings } from './streaming-destination.events';

export type CreateStreamingDestination = Command<'CreateStreamingDestination', StreamingDestinationSettings & { destinationId: string; workspaceId: string }>;
export type UpdateStreamingDestination = Command<'UpdateStreamingDestination', StreamingDestinationSettings & { destinationId: string }>;
export type PauseStreamingDestination = Command<'PauseStreamingDestination', { destinationId: string }>;
export type ResumeStreamingDestination = Command<'ResumeStreamingDestination', { destinationId: string }>;
export type RotateStreamingSecret = Command<'RotateStreamingSecret', { destinationId: string }>;
export type DeleteStreamingDestination = Command<'DeleteStreamingDestination', { destinationId: string }>;
/** The HTTP calls are made outside the domain; these commands carry what came back. */
export type RecordStreamingTest = Command<'RecordStreamingTest', { destinationId: string; statusCode: number | null; succeeded: boolean; error: string | null }>;
export type RecordStreamingDelivery = Command<'RecordStreamingDelivery', DeliveredBatch & { statusCode: number; durationMs: number }>;
export type RecordStreamingFailure = Command<'RecordStreamingFailure', DeliveredBatch & { statusCode: number | null; error: string | null; nextRetryAt: string }>;

export type StreamingDestinationCommand =
  | CreateStreamingDestination
  | UpdateStreamingDestination
  | PauseStreamingDestination
  | ResumeStreamingDestination
  | RotateStreamingSecret
  | DeleteStreamingDestination
  | RecordStreamingTest
  | RecordStreamingDelivery
  | RecordStreamingFailure;
