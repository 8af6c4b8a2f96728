import type { DomainEvent } from '../../decider';

/** The outcome of one HTTP delivery; statusCode is null when no response came back. */
export interface WebhookDelivery {
  deliveryId: string;
  statusCode: number | null;
  succeeded: boolean;
}

export type WebhookCreated = DomainEvent<'WebhookCreated', { webhookId: string; workspaceId: string; url: string; eventTypes: string[] }>;
export type WebhookFired = DomainEvent<'WebhookFired', WebhookDelivery & { webhookId: string; eventId: string; eventType: string }>;
export type WebhookTested = DomainEvent<'WebhookTested', WebhookDelivery & { webhookId: string }>;
export type WebhookDeleted = DomainEvent<'WebhookDeleted', { webhookId: string }>;

export type WebhookEvent = WebhookCreated | WebhookFired | WebhookTested | WebhookDeleted;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const webhookEventTypes = Object.keys({
  WebhookCreated: true,
  WebhookFired: true,
  WebhookTested: true,
  WebhookDeleted: true,
} satisfies Record<WebhookEvent['type'], true>) as WebhookEvent['type'][];
