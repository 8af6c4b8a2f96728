import { Controller, ForbiddenException, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentMembership, CurrentPrincipal, type Membership, type Principal, SessionGuard, WorkspaceAccessGuard } from '@trailmark/auth';
import { can, type WorkspaceAction } from '@trailmark/domain';
import { z } from 'zod';
import { ActivityFeedReader, type ActivityPage } from './activity-feed.reader';
import { type ActivityQuery, activityQuerySchema } from './activity-query.schema';
import { ZodQueryPipe } from './zod-query.pipe';

type JsonSchema = { properties: Record<string, Record<string, unknown>> };
const queryParameters = Object.entries((z.toJSONSchema(activityQuerySchema, { io: 'input', target: 'openapi-3.0' }) as JsonSchema).properties);

/** Documents each query parameter from the same schema that validates them. */
const ApiActivityQuery = (): MethodDecorator => (target, key, descriptor) => {
  for (const [name, { description, ...schema }] of queryParameters) {
    ApiQuery({ name, required: false, description: description as string | undefined, schema })(target, key, descriptor);
  }
};

/** The workspace activity feed and "my activity", read from the activity_feed read model. */
@ApiTags('activity')
@ApiCookieAuth()
@ApiBearerAuth()
@ApiParam({ name: 'ws', description: 'Workspace id' })
@ApiUnauthorizedResponse({ description: 'No live session' })
@ApiNotFoundResponse({ description: 'You are not a member of this workspace' })
@UseGuards(SessionGuard, WorkspaceAccessGuard)
@Controller('api/workspaces/:ws/activity')
export class ActivityController {
  constructor(private readonly reader: ActivityFeedReader) {}

  @Get()
  @ApiActivityQuery()
  @ApiOkResponse({ description: '{ items, nextCursor, total }: newest first; total counts every item the filters match' })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  @ApiForbiddenResponse({ description: 'Your role does not allow activity.read_own (scope=mine) or activity.read_workspace (scope=workspace)' })
  list(
    @Param('ws') workspaceId: string,
    @Query(new ZodQueryPipe(activityQuerySchema)) query: ActivityQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
  ): Promise<ActivityPage> {
    const action: WorkspaceAction = query.scope === 'workspace' ? 'activity.read_workspace' : 'activity.read_own';
    if (!can(membership.role, action)) {
      throw new ForbiddenException(`Your role "${membership.role}" does not allow ${action} in this workspace`);
    }
    return this.reader.page({ workspaceId, actorId: query.scope === 'mine' ? principal.userId : undefined }, query);
  }
}
