import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { ApiZodQuery, WorkspaceReadApi, ZodQueryPipe } from '@trailmark/activity';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { AUDIT_TAG, BAD_QUERY, forbidden, streamNotFound } from '../audit-api';
import { type StreamReplayQuery, streamReplayQuerySchema, type WindowReplayQuery, windowReplayQuerySchema } from './replay-query.schema';
import { ReplayService, type StreamReplayPage, type WindowReplayPage } from './replay.service';

/** Any stream of the workspace, or all its events in a time window, event by event with full metadata. */
@WorkspaceReadApi(AUDIT_TAG)
@RequirePermission('audit.read')
@Controller('api/workspaces/:ws/audit')
export class ReplayController {
  constructor(@Inject(ReplayService) private readonly replay: ReplayService) {}

  @Get('streams/:stream/events')
  @ApiParam({ name: 'stream', description: 'Stream name, <category>-<workspace>.<record>, e.g. ticket-<ws>.T-1' })
  @ApiZodQuery(streamReplayQuerySchema)
  @ApiOkResponse({ description: '{ streamName, events: [{ position, revision, id, type, category, kind, label, recordedAt, data, metadata }], nextRevision }; recorded as StreamReplayed' })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: forbidden('audit.read') })
  async stream(
    @Param('stream') streamName: string,
    @Query(new ZodQueryPipe(streamReplayQuerySchema)) query: StreamReplayQuery,
    @CurrentRequestContext() context: RequestContext,
  ): Promise<StreamReplayPage> {
    const page = await this.replay.stream(streamName, query, context);
    if (!page) throw streamNotFound(streamName);
    return page;
  }

  @Get('events')
  @ApiZodQuery(windowReplayQuerySchema)
  @ApiOkResponse({ description: "{ events, nextCursor }: the workspace's events recorded in [from, to), in global (commit) order; recorded as TimeWindowReplayed" })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: forbidden('audit.read') })
  window(@Query(new ZodQueryPipe(windowReplayQuerySchema)) query: WindowReplayQuery, @CurrentRequestContext() context: RequestContext): Promise<WindowReplayPage> {
    return this.replay.window(query, context);
  }
}
