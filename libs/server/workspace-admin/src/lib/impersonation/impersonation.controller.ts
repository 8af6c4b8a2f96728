import { Controller, Delete, HttpCode, HttpStatus, Post, UseGuards, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  CurrentRequestContext,
  DomainErrorFilter,
  IgnoreImpersonation,
  type Principal,
  SessionGuard,
  SessionsRepository,
} from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { type ImpersonationCommand, impersonationDecider, type ImpersonationEvent } from '@trailmark/domain';
import { z } from 'zod';
import { AdminCommands, eventOf } from '../common/admin-commands';
import { ParsedBody } from '../common/parsed-body.decorator';
import { References } from '../common/references';
import { PlatformAdminGuard } from './platform-admin.guard';

const startBody = z.strictObject({
  userId: z.string().min(1).max(200),
  workspaceId: z.string().min(1).max(200),
  reason: z.string().trim().min(3).max(500),
});

/**
 * A platform admin acting as a member of a workspace. Start and end are
 * recorded in that workspace's log, by the admin as a platform admin; in
 * between, the admin's session acts as the member, in that workspace only,
 * and every event it appends names the admin as impersonator. These routes
 * always see the admin.
 */
@ApiTags('platform')
@ApiCookieAuth()
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No live session' })
@ApiForbiddenResponse({ description: 'Not a platform admin' })
@IgnoreImpersonation()
@UseGuards(SessionGuard, PlatformAdminGuard)
@UseFilters(DomainErrorFilter)
@Controller('api/platform/impersonation')
export class ImpersonationController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly references: References,
    private readonly sessions: SessionsRepository,
  ) {}

  @Post()
  @ApiCreatedResponse({ description: 'The impersonation started: from now on this session acts as the member, in that workspace only' })
  @ApiConflictResponse({ description: 'Already impersonating someone' })
  async start(
    @ParsedBody(startBody) { userId, workspaceId, reason }: z.infer<typeof startBody>,
    @CurrentPrincipal() admin: Principal,
    @CurrentRequestContext() context: RequestContext,
  ) {
    await this.references.requireMember(workspaceId, userId);
    const { events } = await this.handle(admin, context, {
      type: 'StartImpersonation',
      data: { impersonatorId: admin.userId, targetUserId: userId, workspaceId, reason },
    });
    const { impersonationId, targetUserId } = eventOf(events, 'ImpersonationStarted').data;
    await this.sessions.impersonate(admin.sessionId, { userId: targetUserId, workspaceId });
    return { impersonationId, targetUserId, workspaceId };
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: "The impersonation ended: the admin's sessions act as the admin again" })
  @ApiConflictResponse({ description: 'Not impersonating anyone' })
  async end(@CurrentPrincipal() admin: Principal, @CurrentRequestContext() context: RequestContext): Promise<void> {
    try {
      await this.handle(admin, context, { type: 'EndImpersonation', data: { impersonatorId: admin.userId } });
    } finally {
      // Even when the end was refused or not recorded, no session should go on acting as someone else.
      await this.sessions.endImpersonations(admin.userId);
    }
  }

  private handle(admin: Principal, context: RequestContext, command: ImpersonationCommand) {
    const asPlatformAdmin = (event: ImpersonationEvent): RequestContext => ({
      ...context,
      workspaceId: event.data.workspaceId,
      layer: 'platform',
      actor: { kind: 'platform_admin', id: admin.userId, name: admin.displayName },
    });
    return this.commands.handle(streams.impersonation(admin.userId), impersonationDecider, command, context, { contextOf: asPlatformAdmin });
  }
}
