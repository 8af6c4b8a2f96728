import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentMembership, CurrentRequestContext, type Membership, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { WORKSPACE_ROLES } from '@trailmark/domain';
import { z } from 'zod';
import { AdminCommands, eventOf } from '../common/admin-commands';
import { AdminDirectory } from '../common/admin-directory';
import { ParsedBody } from '../common/parsed-body.decorator';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';
import { workspaceDeciderFor } from './owner-role.policy';

const role = z.enum(WORKSPACE_ROLES);
const inviteBody = z.strictObject({ email: z.email().max(254), role });
const roleBody = z.strictObject({ role });

@WorkspaceAdminApi('members')
@Controller('api/workspaces/:ws/members')
export class MembersController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly directory: AdminDirectory,
  ) {}

  @Get()
  @RequirePermission('workspace.read')
  @ApiOkResponse({ description: 'Members with their roles and when they joined' })
  list(@Param('ws') ws: string) {
    return this.directory.members(ws);
  }

  @Post()
  @RequirePermission('members.manage')
  @ApiCreatedResponse({ description: 'The invitation id; the person joins with the role when they accept' })
  @ApiConflictResponse({ description: 'Already a member or already invited' })
  async invite(
    @Param('ws') ws: string,
    @ParsedBody(inviteBody) body: z.infer<typeof inviteBody>,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
  ) {
    const command = { type: 'InviteMember' as const, data: { workspaceId: ws, ...body } };
    const { events } = await this.commands.handle(streams.workspace(ws), workspaceDeciderFor(membership.role), command, context);
    return { invitationId: eventOf(events, 'MemberInvited').data.invitationId };
  }

  @Patch(':userId')
  @RequirePermission('members.manage')
  @ApiOkResponse({ description: 'The member with the new role, visible to authorisation once answered' })
  @ApiConflictResponse({ description: 'The last owner cannot be demoted' })
  async changeRole(
    @Param('ws') ws: string,
    @Param('userId') userId: string,
    @ParsedBody(roleBody) body: z.infer<typeof roleBody>,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
  ) {
    const command = { type: 'ChangeMemberRole' as const, data: { workspaceId: ws, userId, role: body.role } };
    const { state } = await this.commands.handle(streams.workspace(ws), workspaceDeciderFor(membership.role), command, context, { awaitDirectory: true });
    return { userId, ...state.members[userId] };
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('members.manage')
  @ApiNoContentResponse({ description: 'Removed; their access ends once answered' })
  @ApiConflictResponse({ description: 'The last owner cannot be removed' })
  async remove(
    @Param('ws') ws: string,
    @Param('userId') userId: string,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    const command = { type: 'RemoveMember' as const, data: { workspaceId: ws, userId } };
    await this.commands.handle(streams.workspace(ws), workspaceDeciderFor(membership.role), command, context, { awaitDirectory: true });
  }
}
