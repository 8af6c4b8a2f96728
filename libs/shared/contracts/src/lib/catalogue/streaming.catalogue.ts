import type { CatalogueSection } from './catalogue.types';

/**
 * Outbound streaming of the activity log to external systems. Filed under
 * Webhooks: both are Trailmark calling out over HTTP.
 */
export const STREAMING_CATALOGUE = {
  StreamingDestinationCreated: { category: 'Webhooks', kind: 'write', label: 'Streaming destination created' },
  StreamingDestinationUpdated: { category: 'Webhooks', kind: 'write', label: 'Streaming destination updated' },
  StreamingDestinationPaused: { category: 'Webhooks', kind: 'write', label: 'Streaming destination paused' },
  StreamingDestinationResumed: { category: 'Webhooks', kind: 'write', label: 'Streaming destination resumed' },
  StreamingSecretRotated: { category: 'Webhooks', kind: 'write', label: 'Streaming secret rotated' },
  StreamingDestinationDeleted: { category: 'Webhooks', kind: 'write', label: 'Streaming destination deleted' },
  StreamingDestinationTested: { category: 'Webhooks', kind: 'write', label: 'Streaming destination tested' },
  StreamingDeliverySucceeded: { category: 'Webhooks', kind: 'write', label: 'Delivery succeeded' },
  StreamingDeliveryFailed: { category: 'Webhooks', kind: 'write', label: 'Delivery failed' },
} as const satisfies CatalogueSection;

export type StreamingCatalogueEventType = keyof typeof STREAMING_CATALOGUE;
