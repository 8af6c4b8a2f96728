import type { WebhookEvent } from './webhook.events';

export interface Webhook {
  status: 'absent' | 'active' | 'deleted';
}

export const initialWebhook = (): Webhook => ({ status: 'absent' });

export function evolveWebhook(state: Webhook, event: WebhookEvent): Webhook {
  const { type } = event;
  switch (type) {
    case 'WebhookCreated':
      return { status: 'active' };
    case 'WebhookDeleted':
      return { status: 'deleted' };
    case 'WebhookFired':
    case 'WebhookTested':
      return state;
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
