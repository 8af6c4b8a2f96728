import { Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { type UserGroups, type UserGroupsCommand, userGroupsDecider } from '@trailmark/domain';
import { z } from 'zod';
import { AdminCommands, eventOf } from '../common/admin-commands';
import { createDetailsBody, memberBody, updateDetailsBody } from '../common/details.schema';
import { ParsedBody } from '../common/parsed-body.decorator';
import { References } from '../common/references';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';

const nestBody = z.strictObject({ groupId: z.string().min(1).max(200) });

function groupView(groupId: string, state: UserGroups) {
  const { details, members, children } = state.groups[groupId];
  return { groupId, ...details, members, groups: children };
}

/** User groups: people and other groups, nested to any depth but never in a loop. */
@WorkspaceAdminApi('groups')
@Controller('api/workspaces/:ws/groups')
export class GroupsController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly references: References,
  ) {}

  @Post()
  @RequirePermission('teams.manage')
  @ApiCreatedResponse({ description: 'The new group' })
  async create(@Param('ws') ws: string, @ParsedBody(createDetailsBody) body: z.infer<typeof createDetailsBody>, @CurrentRequestContext() context: RequestContext) {
    const { events, state } = await this.handle(ws, { type: 'CreateGroup', data: { workspaceId: ws, ...body } }, context);
    return groupView(eventOf(events, 'GroupCreated').data.groupId, state);
  }

  @Patch(':groupId')
  @RequirePermission('teams.manage')
  @ApiOkResponse({ description: 'The group after the change' })
  async update(
    @Param('ws') ws: string,
    @Param('groupId') groupId: string,
    @ParsedBody(updateDetailsBody) body: z.infer<typeof updateDetailsBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    const { state } = await this.handle(ws, { type: 'UpdateGroup', data: { groupId, ...body } }, context);
    return groupView(groupId, state);
  }

  @Delete(':groupId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('teams.manage')
  @ApiNoContentResponse({ description: 'Deleted, and detached from the groups it was nested in' })
  async delete(@Param('ws') ws: string, @Param('groupId') groupId: string, @CurrentRequestContext() context: RequestContext): Promise<void> {
    await this.handle(ws, { type: 'DeleteGroup', data: { groupId } }, context);
  }

  @Post(':groupId/members')
  @RequirePermission('teams.manage')
  @ApiCreatedResponse({ description: 'The group with its new member' })
  @ApiConflictResponse({ description: 'Already in the group' })
  async addMember(
    @Param('ws') ws: string,
    @Param('groupId') groupId: string,
    @ParsedBody(memberBody) { userId }: z.infer<typeof memberBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    await this.references.requireMember(ws, userId);
    const { state } = await this.handle(ws, { type: 'AddGroupMember', data: { groupId, userId } }, context);
    return groupView(groupId, state);
  }

  @Delete(':groupId/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('teams.manage')
  @ApiNoContentResponse({ description: 'Removed from the group' })
  async removeMember(
    @Param('ws') ws: string,
    @Param('groupId') groupId: string,
    @Param('userId') userId: string,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    await this.handle(ws, { type: 'RemoveGroupMember', data: { groupId, userId } }, context);
  }

  @Post(':groupId/groups')
  @RequirePermission('teams.manage')
  @ApiCreatedResponse({ description: 'The parent group with the group nested in it' })
  @ApiConflictResponse({ description: 'Already nested, or nesting would make a loop' })
  async nest(
    @Param('ws') ws: string,
    @Param('groupId') parentGroupId: string,
    @ParsedBody(nestBody) { groupId: childGroupId }: z.infer<typeof nestBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    const { state } = await this.handle(ws, { type: 'NestGroup', data: { parentGroupId, childGroupId } }, context);
    return groupView(parentGroupId, state);
  }

  @Delete(':groupId/groups/:childGroupId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('teams.manage')
  @ApiNoContentResponse({ description: 'No longer nested' })
  async unnest(
    @Param('ws') ws: string,
    @Param('groupId') parentGroupId: string,
    @Param('childGroupId') childGroupId: string,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    await this.handle(ws, { type: 'UnnestGroup', data: { parentGroupId, childGroupId } }, context);
  }

  private handle(ws: string, command: UserGroupsCommand, context: RequestContext) {
    return this.commands.handle(streams.groups(ws), userGroupsDecider, command, context);
  }
}
