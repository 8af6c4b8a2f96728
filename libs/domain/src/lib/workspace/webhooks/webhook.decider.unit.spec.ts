import { deciderSpec, fixedContext } from '../../decider-spec';
import { webhookDecider } from './webhook.decide';
import type { WebhookEvent } from './webhook.events';

const webhookId = 'hook-1';
const given = (events: WebhookEvent[]) => deciderSpec(webhookDecider, fixedContext(undefined, ['delivery-1'])).given(events);

const createData = { webhookId, workspaceId: 'ws-1', url: 'https://example.test/hook', eventTypes: ['MemberJoined'] };
const created: WebhookEvent = { type: 'WebhookCreated', data: createData };
const deleted: WebhookEvent = { type: 'WebhookDeleted', data: { webhookId } };

const fire = { type: 'FireWebhook' as const, data: { webhookId, eventId: 'evt-1', eventType: 'MemberJoined', statusCode: 500, succeeded: false } };
const fired: WebhookEvent = { type: 'WebhookFired', data: { ...fire.data, deliveryId: 'delivery-1' } };
const test = { type: 'TestWebhook' as const, data: { webhookId, statusCode: null, succeeded: false } };
const remove = { type: 'DeleteWebhook' as const, data: { webhookId } };

describe('webhook decider', () => {
  describe('CreateWebhook', () => {
    it('creates a webhook', () => {
      given([]).when({ type: 'CreateWebhook', data: createData }).then([created]);
    });

    it('refuses to create the same webhook twice', () => {
      given([created]).when({ type: 'CreateWebhook', data: createData }).thenThrows('webhook_already_exists');
    });

    it('refuses to reuse the id of a deleted webhook', () => {
      given([created, deleted]).when({ type: 'CreateWebhook', data: createData }).thenThrows('webhook_already_exists');
    });
  });

  describe('FireWebhook', () => {
    it('records a delivery and its outcome', () => {
      given([created]).when(fire).then([fired]);
    });

    it('records a delivery that finished after the webhook was deleted', () => {
      given([created, deleted]).when(fire).then([fired]);
    });

    it('refuses a webhook that never existed', () => {
      given([]).when(fire).thenThrows('webhook_not_found');
    });
  });

  describe('TestWebhook', () => {
    it('records a test delivery, even one that got no response', () => {
      given([created])
        .when(test)
        .then([{ type: 'WebhookTested', data: { webhookId, deliveryId: 'delivery-1', statusCode: null, succeeded: false } }]);
    });

    it('refuses a deleted webhook', () => {
      given([created, deleted]).when(test).thenThrows('webhook_deleted');
    });

    it('refuses a webhook that never existed', () => {
      given([]).when(test).thenThrows('webhook_not_found');
    });
  });

  describe('DeleteWebhook', () => {
    it('deletes a webhook', () => {
      given([created, fired]).when(remove).then([deleted]);
    });

    it('refuses to delete twice', () => {
      given([created, deleted]).when(remove).thenThrows('webhook_deleted');
    });

    it('refuses a webhook that never existed', () => {
      given([]).when(remove).thenThrows('webhook_not_found');
    });
  });
});
