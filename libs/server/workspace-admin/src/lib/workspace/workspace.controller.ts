import { Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { type Workspace, workspaceDecider } from '@trailmark/domain';
import { z } from 'zod';
import { AdminCommands } from '../common/admin-commands';
import { ParsedBody } from '../common/parsed-body.decorator';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';

const renameBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

const SETTING_NAME = /^[A-Za-z][\w.]{0,63}$/;
const settingValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

/** Any number of settings; null clears one. */
const settingsBody = z.record(z.string(), settingValue).superRefine((settings, context) => {
  const names = Object.keys(settings);
  if (names.length === 0) context.addIssue({ code: 'custom', path: [], message: 'must name at least one setting' });
  for (const name of names) {
    if (!SETTING_NAME.test(name)) {
      context.addIssue({ code: 'custom', path: [name], message: 'must be a setting name: a letter, then up to 63 letters, digits, "_" or "."' });
    } else if (name in Object.prototype) {
      // A name every object answers to ("toString") would read as already set before it ever was.
      context.addIssue({ code: 'custom', path: [name], message: 'is a reserved name' });
    }
  }
});

function workspaceView(workspaceId: string, state: Workspace) {
  return {
    workspaceId,
    name: state.name,
    settings: state.settings,
    members: Object.entries(state.members).map(([userId, member]) => ({ userId, ...member })),
    invitations: Object.entries(state.invitations).map(([invitationId, invitation]) => ({ invitationId, ...invitation })),
  };
}

@WorkspaceAdminApi('workspaces')
@Controller('api/workspaces/:ws')
export class WorkspaceController {
  constructor(private readonly commands: AdminCommands) {}

  @Get()
  @RequirePermission('workspace.read')
  @ApiOkResponse({ description: 'Name, settings, members with their roles and pending invitations' })
  async get(@Param('ws') ws: string) {
    const { state } = await this.commands.load(streams.workspace(ws), workspaceDecider);
    return workspaceView(ws, state);
  }

  @Patch()
  @RequirePermission('workspace.administer')
  @ApiOkResponse({ description: 'The workspace after the rename' })
  async rename(@Param('ws') ws: string, @ParsedBody(renameBody) body: z.infer<typeof renameBody>, @CurrentRequestContext() context: RequestContext) {
    const { state } = await this.commands.handle(streams.workspace(ws), workspaceDecider, { type: 'RenameWorkspace', data: { workspaceId: ws, ...body } }, context);
    return workspaceView(ws, state);
  }

  @Patch('settings')
  @RequirePermission('workspace.administer')
  @ApiOkResponse({ description: 'The workspace after the change; each changed setting is recorded with its previous and new value' })
  async changeSettings(
    @Param('ws') ws: string,
    @ParsedBody(settingsBody) settings: z.infer<typeof settingsBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    const command = { type: 'ChangeWorkspaceSettings' as const, data: { workspaceId: ws, settings } };
    const { state } = await this.commands.handle(streams.workspace(ws), workspaceDecider, command, context);
    return workspaceView(ws, state);
  }
}
