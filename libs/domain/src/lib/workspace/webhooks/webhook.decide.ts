import { type DecideContext, type Decider, DomainError } from '../../decider';
import type { CreateWebhook, DeleteWebhook, FireWebhook, TestWebhook, WebhookCommand } from './webhook.commands';
import type { WebhookCreated, WebhookDeleted, WebhookEvent, WebhookFired, WebhookTested } from './webhook.events';
import { evolveWebhook, initialWebhook, type Webhook } from './webhook.state';

export function createWebhook({ data }: CreateWebhook, state: Webhook): WebhookCreated[] {
  if (state.status !== 'absent') throw new DomainError('webhook_already_exists', `Webhook ${data.webhookId} already exists`);
  return [{ type: 'WebhookCreated', data }];
}

/** A delivery already in flight when the webhook was deleted still happened, so it is recorded. */
export function fireWebhook({ data }: FireWebhook, state: Webhook, { newId }: DecideContext): WebhookFired[] {
  if (state.status === 'absent') throw notFound(data.webhookId);
  return [{ type: 'WebhookFired', data: { ...data, deliveryId: newId() } }];
}

export function testWebhook({ data }: TestWebhook, state: Webhook, { newId }: DecideContext): WebhookTested[] {
  requireActive(state, data.webhookId);
  return [{ type: 'WebhookTested', data: { ...data, deliveryId: newId() } }];
}

export function deleteWebhook({ data }: DeleteWebhook, state: Webhook): WebhookDeleted[] {
  requireActive(state, data.webhookId);
  return [{ type: 'WebhookDeleted', data }];
}

export function decideWebhook(command: WebhookCommand, state: Webhook, context: DecideContext): WebhookEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateWebhook':
      return createWebhook(command, state);
    case 'FireWebhook':
      return fireWebhook(command, state, context);
    case 'TestWebhook':
      return testWebhook(command, state, context);
    case 'DeleteWebhook':
      return deleteWebhook(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const webhookDecider: Decider<Webhook, WebhookCommand, WebhookEvent> = {
  initialState: initialWebhook,
  evolve: evolveWebhook,
  decide: decideWebhook,
};

function requireActive(state: Webhook, webhookId: string): void {
  if (state.status === 'absent') throw notFound(webhookId);
  if (state.status === 'deleted') throw new DomainError('webhook_deleted', `Webhook ${webhookId} was deleted`);
}

function notFound(webhookId: string): DomainError {
  return new DomainError('webhook_not_found', `Webhook ${webhookId} does not exist`);
}
