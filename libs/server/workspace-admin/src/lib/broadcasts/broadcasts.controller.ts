import { Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { type BroadcastAudience, broadcastDecider } from '@trailmark/domain';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AdminCommands } from '../common/admin-commands';
import { ParsedBody } from '../common/parsed-body.decorator';
import { References } from '../common/references';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';

const id = z.string().min(1).max(200);
const audience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workspace') }),
  z.strictObject({ kind: z.literal('team'), teamId: id }),
  z.strictObject({ kind: z.literal('group'), groupId: id }),
]);
const sendBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
  audience: audience.optional(),
});

@WorkspaceAdminApi('broadcasts')
@Controller('api/workspaces/:ws/broadcasts')
export class BroadcastsController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly references: References,
  ) {}

  @Post()
  @RequirePermission('broadcasts.send')
  @ApiCreatedResponse({ description: 'The broadcast id; without an audience the whole workspace receives it' })
  async send(
    @Param('ws') ws: string,
    @ParsedBody(sendBody) { title, body, audience = { kind: 'workspace' } }: z.infer<typeof sendBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    await this.requireAudience(ws, audience);
    const broadcastId = randomUUID();
    const command = { type: 'SendBroadcast' as const, data: { broadcastId, workspaceId: ws, subject: title, body, audience } };
    await this.commands.handle(streams.broadcast(ws, broadcastId), broadcastDecider, command, context);
    return { broadcastId };
  }

  private async requireAudience(ws: string, audience: BroadcastAudience): Promise<void> {
    if (audience.kind === 'team') await this.references.requireTeam(ws, audience.teamId);
    if (audience.kind === 'group') await this.references.requireGroup(ws, audience.groupId);
  }
}
