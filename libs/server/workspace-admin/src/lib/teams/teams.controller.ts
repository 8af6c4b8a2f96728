import { Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { type Team, type TeamCommand, teamDecider } from '@trailmark/domain';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AdminCommands } from '../common/admin-commands';
import { createDetailsBody, memberBody, updateDetailsBody } from '../common/details.schema';
import { ParsedBody } from '../common/parsed-body.decorator';
import { References } from '../common/references';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';

const teamView = (teamId: string, { details, members }: Team) => ({ teamId, ...details, members });

@WorkspaceAdminApi('teams')
@Controller('api/workspaces/:ws/teams')
export class TeamsController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly references: References,
  ) {}

  @Post()
  @RequirePermission('teams.manage')
  @ApiCreatedResponse({ description: 'The new team' })
  create(@Param('ws') ws: string, @ParsedBody(createDetailsBody) body: z.infer<typeof createDetailsBody>, @CurrentRequestContext() context: RequestContext) {
    return this.handle(ws, { type: 'CreateTeam', data: { teamId: randomUUID(), workspaceId: ws, ...body } }, context);
  }

  @Patch(':teamId')
  @RequirePermission('teams.manage')
  @ApiOkResponse({ description: 'The team after the change' })
  update(
    @Param('ws') ws: string,
    @Param('teamId') teamId: string,
    @ParsedBody(updateDetailsBody) body: z.infer<typeof updateDetailsBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    return this.handle(ws, { type: 'UpdateTeam', data: { teamId, ...body } }, context);
  }

  @Delete(':teamId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('teams.manage')
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@Param('ws') ws: string, @Param('teamId') teamId: string, @CurrentRequestContext() context: RequestContext): Promise<void> {
    await this.handle(ws, { type: 'DeleteTeam', data: { teamId } }, context);
  }

  @Post(':teamId/members')
  @RequirePermission('teams.manage')
  @ApiCreatedResponse({ description: 'The team with its new member' })
  @ApiConflictResponse({ description: 'Already in the team' })
  async addMember(
    @Param('ws') ws: string,
    @Param('teamId') teamId: string,
    @ParsedBody(memberBody) { userId }: z.infer<typeof memberBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    await this.references.requireMember(ws, userId);
    return this.handle(ws, { type: 'AddTeamMember', data: { teamId, userId } }, context);
  }

  @Delete(':teamId/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('teams.manage')
  @ApiNoContentResponse({ description: 'Removed from the team' })
  async removeMember(
    @Param('ws') ws: string,
    @Param('teamId') teamId: string,
    @Param('userId') userId: string,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    await this.handle(ws, { type: 'RemoveTeamMember', data: { teamId, userId } }, context);
  }

  private async handle(ws: string, command: TeamCommand, context: RequestContext) {
    const { teamId } = command.data;
    const { state } = await this.commands.handle(streams.team(ws, teamId), teamDecider, command, context);
    return teamView(teamId, state);
  }
}
