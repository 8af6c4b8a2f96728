import type { Command } from '../../decider';

type DeliveryOutcome = { statusCode: number | null; succeeded: boolean };

export type CreateWebhook = Command<'CreateWebhook', { webhookId: string; workspaceId: string; url: string; eventTypes: string[] }>;
/** The HTTP call is made outside the domain; the command carries what came back. */
export type FireWebhook = Command<'FireWebhook', DeliveryOutcome & { webhookId: string; eventId: string; eventType: string }>;
export type TestWebhook = Command<'TestWebhook', DeliveryOutcome & { webhookId: string }>;
export type DeleteWebhook = Command<'DeleteWebhook', { webhookId: string }>;

export type WebhookCommand = CreateWebhook | FireWebhook | TestWebhook | DeleteWebhook;
