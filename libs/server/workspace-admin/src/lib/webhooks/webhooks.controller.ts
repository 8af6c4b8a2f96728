import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { EVENT_CATALOGUE, streams } from '@trailmark/contracts';
import { webhookDecider } from '@trailmark/domain';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AdminCommands, eventOf } from '../common/admin-commands';
import { ParsedBody } from '../common/parsed-body.decorator';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';
import { deliver } from './webhook-delivery';
import { WebhooksReader } from './webhooks.reader';

const eventType = z.string().refine((type) => Object.hasOwn(EVENT_CATALOGUE, type), 'is not a Trailmark event type');
const createBody = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000),
  events: z
    .array(eventType)
    .max(200)
    .refine((types) => new Set(types).size === types.length, 'must not name an event type twice')
    .optional(),
});

@WorkspaceAdminApi('webhooks')
@Controller('api/workspaces/:ws/webhooks')
export class WebhooksController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly webhooks: WebhooksReader,
  ) {}

  @Get()
  @RequirePermission('webhooks.manage')
  @ApiOkResponse({ description: 'The webhooks not deleted, oldest first' })
  list(@Param('ws') ws: string) {
    return this.webhooks.list(ws);
  }

  @Post()
  @RequirePermission('webhooks.manage')
  @ApiCreatedResponse({ description: 'The new webhook; no event types means every event' })
  async create(@Param('ws') ws: string, @ParsedBody(createBody) { url, events = [] }: z.infer<typeof createBody>, @CurrentRequestContext() context: RequestContext) {
    const webhookId = randomUUID();
    const command = { type: 'CreateWebhook' as const, data: { webhookId, workspaceId: ws, url, eventTypes: events } };
    await this.commands.handle(streams.webhook(ws, webhookId), webhookDecider, command, context);
    return { webhookId, url, eventTypes: events };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('webhooks.manage')
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@Param('ws') ws: string, @Param('id') webhookId: string, @CurrentRequestContext() context: RequestContext): Promise<void> {
    await this.commands.handle(streams.webhook(ws, webhookId), webhookDecider, { type: 'DeleteWebhook', data: { webhookId } }, context);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('webhooks.manage')
  @ApiOkResponse({ description: 'What the receiver answered to a test POST (5 s timeout); recorded as WebhookTested' })
  async test(@Param('ws') ws: string, @Param('id') webhookId: string, @CurrentRequestContext() context: RequestContext) {
    const webhook = await this.webhooks.live(ws, webhookId);
    // An absent or deleted webhook is not called; the decider then refuses the test with its own message.
    const outcome = webhook
      ? await deliver(webhook.url, { type: 'WebhookTest', webhookId, workspaceId: ws, sentAt: new Date().toISOString() })
      : { statusCode: null, succeeded: false };
    const { events } = await this.commands.handle(streams.webhook(ws, webhookId), webhookDecider, { type: 'TestWebhook', data: { webhookId, ...outcome } }, context);
    return eventOf(events, 'WebhookTested').data;
  }
}
