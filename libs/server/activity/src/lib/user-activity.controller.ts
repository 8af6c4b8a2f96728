import { Controller, ForbiddenException, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { CurrentMembership, CurrentPrincipal, type Membership, type Principal } from '@trailmark/auth';
import { can, type WorkspaceAction } from '@trailmark/domain';
import { ApiZodQuery, WorkspaceReadApi } from './activity-api.decorators';
import { type UserActivityQuery, userActivityQuerySchema } from './user-activity-query.schema';
import { type UserActivity, UserActivityReader } from './user-activity.reader';
import { ZodQueryPipe } from './zod-query.pipe';

/** Your own sign-ins are your activity; anyone else's are the workspace's. */
const READ_OWN: WorkspaceAction = 'activity.read_own';
const READ_OTHERS: WorkspaceAction = 'activity.read_workspace';

/** One user's sign-ins, counters and security signals in a workspace, from the user-activity read models. */
@WorkspaceReadApi('user activity')
@ApiParam({ name: 'userId', description: 'A member id, or the id a host app gives its user' })
@Controller('api/workspaces/:ws/users/:userId/activity')
export class UserActivityController {
  constructor(private readonly reader: UserActivityReader) {}

  @Get()
  @ApiZodQuery(userActivityQuerySchema)
  @ApiOkResponse({
    description:
      '{ user: { id, name, kind, role }, stats: { loginCount, failureCount, activityCount, lastLoginAt, lastIp, lastDevice, lastFailureAt, lastActivityAt }, ' +
      'logins: { items: [{ position, occurredAt, result, reason, ip, device }], nextCursor }, signals: [{ kind, position, userId, ip, device, failures, accounts, startedAt, lastAt }] }. ' +
      'Sign-ins newest first, keyset-paginated.',
  })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  @ApiForbiddenResponse({ description: `Your role does not allow ${READ_OWN} (yourself) or ${READ_OTHERS} (anyone else)` })
  @ApiNotFoundResponse({ description: 'Not a member of this workspace, nor anyone it has seen sign in or act' })
  async activity(
    @Param('userId') userId: string,
    @Query(new ZodQueryPipe(userActivityQuerySchema)) query: UserActivityQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
  ): Promise<UserActivity> {
    const action = userId === principal.userId ? READ_OWN : READ_OTHERS;
    if (!can(membership.role, action)) throw new ForbiddenException(`Your role "${membership.role}" does not allow ${action} in this workspace`);
    const activity = await this.reader.read(membership.workspaceId, userId, query);
    if (!activity) throw new NotFoundException(`This workspace has no user "${userId}"`);
    return activity;
  }
}
