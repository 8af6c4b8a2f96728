import { Controller, Delete, HttpCode, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiParam } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { type Grantee, permissionGroupDecider, type PermissionGroupCommand } from '@trailmark/domain';
import { z } from 'zod';
import { AdminCommands } from '../common/admin-commands';
import { ParsedBody } from '../common/parsed-body.decorator';
import { References } from '../common/references';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';

const granteeKind = z.enum(['user', 'group']);
const grantBody = z.strictObject({ kind: granteeKind, id: z.string().min(1).max(200) });

/** Grants of a permission group to one member or to a user group (and so to everyone in it). */
@WorkspaceAdminApi('permission groups')
@Controller('api/workspaces/:ws/permission-groups/:permissionGroupId/grants')
export class PermissionGroupsController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly references: References,
  ) {}

  @Post()
  @RequirePermission('permissions.manage')
  @ApiCreatedResponse({ description: 'Everyone the permission group is granted to' })
  @ApiConflictResponse({ description: 'Already granted' })
  async grant(
    @Param('ws') ws: string,
    @Param('permissionGroupId') permissionGroupId: string,
    @ParsedBody(grantBody) grantee: z.infer<typeof grantBody>,
    @CurrentRequestContext() context: RequestContext,
  ) {
    await this.requireGrantee(ws, grantee);
    return this.handle(ws, { type: 'GrantPermissionGroup', data: { workspaceId: ws, permissionGroupId, grantee } }, context);
  }

  @Delete(':kind/:granteeId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('permissions.manage')
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiParam({ name: 'kind', enum: granteeKind.options })
  async revoke(
    @Param('ws') ws: string,
    @Param('permissionGroupId') permissionGroupId: string,
    @Param('kind') kind: string,
    @Param('granteeId') id: string,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<void> {
    const known = granteeKind.safeParse(kind);
    if (!known.success) throw new NotFoundException(`Permission groups are granted to users and groups, not to "${kind}"`);
    await this.handle(ws, { type: 'RevokePermissionGroup', data: { workspaceId: ws, permissionGroupId, grantee: { kind: known.data, id } } }, context);
  }

  private async handle(ws: string, command: PermissionGroupCommand, context: RequestContext) {
    const { permissionGroupId } = command.data;
    const { state } = await this.commands.handle(streams.permissionGroup(ws, permissionGroupId), permissionGroupDecider, command, context);
    return { permissionGroupId, grantees: state.grantees };
  }

  private requireGrantee(ws: string, grantee: Grantee): Promise<void> {
    return grantee.kind === 'user' ? this.references.requireMember(ws, grantee.id) : this.references.requireGroup(ws, grantee.id);
  }
}
