import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiParam, ApiProduces } from '@nestjs/swagger';
import { CurrentMembership, CurrentPrincipal, CurrentRequestContext, type Membership, type Principal } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import type { JsonValue } from '@trailmark/domain';
import type { Response } from 'express';
import { ApiZodQuery, WorkspaceReadApi } from './activity-api.decorators';
import { detailAudience, scopedAudience } from './activity-audience';
import type { ActivityDetail } from './activity-detail';
import { ActivityDetailReader } from './activity-detail.reader';
import type { ExportFormatName } from './activity-export.format';
import { ActivityExporter } from './activity-exporter';
import { type ActivityFacets, ActivityFeedReader, type ActivityPage } from './activity-feed.reader';
import { type ActivityQuery, activityQuerySchema, type ActivityScopeQuery, activityScopeQuerySchema } from './activity-query.schema';
import { ZodQueryPipe } from './zod-query.pipe';

const SCOPE_FORBIDDEN = 'Your role does not allow activity.read_own (scope=mine) or activity.read_workspace (scope=workspace)';
const BAD_QUERY = 'A query parameter is not valid (an unknown q qualifier is named); issues names each one';

/**
 * The workspace activity feed and "my activity", read from the activity_feed
 * read model. Fixed paths are declared before `:eventId`, which would
 * otherwise take `facets` and `export.csv` for event ids.
 */
@WorkspaceReadApi('activity')
@Controller('api/workspaces/:ws/activity')
export class ActivityController {
  constructor(
    private readonly reader: ActivityFeedReader,
    private readonly details: ActivityDetailReader,
    private readonly exporter: ActivityExporter,
  ) {}

  @Get()
  @ApiZodQuery(activityQuerySchema)
  @ApiOkResponse({ description: '{ items, nextCursor, total }: newest first; total counts every item the filters match' })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: SCOPE_FORBIDDEN })
  list(
    @Query(new ZodQueryPipe(activityQuerySchema)) query: ActivityQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
  ): Promise<ActivityPage> {
    return this.reader.page(scopedAudience(query.scope, principal, membership), query, query);
  }

  @Get('facets')
  @ApiZodQuery(activityScopeQuerySchema)
  @ApiOkResponse({ description: '{ categories: { Auth: n, ... }, total }: what each category would list under the other filters; total is their sum' })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: SCOPE_FORBIDDEN })
  facets(
    @Query(new ZodQueryPipe(activityScopeQuerySchema)) query: ActivityScopeQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
  ): Promise<ActivityFacets> {
    return this.reader.facets(scopedAudience(query.scope, principal, membership), query);
  }

  @Get('export.csv')
  @ApiZodQuery(activityScopeQuerySchema)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every item the filters match as an RFC 4180 attachment, newest first; recorded as a DataExported event' })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: SCOPE_FORBIDDEN })
  exportCsv(
    @Query(new ZodQueryPipe(activityScopeQuerySchema)) query: ActivityScopeQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
    @Res() response: Response,
  ): Promise<void> {
    return this.export('csv', query, principal, membership, context, response);
  }

  @Get('export.ndjson')
  @ApiZodQuery(activityScopeQuerySchema)
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'Every item the filters match, one JSON list item per line, newest first; recorded as a DataExported event' })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: SCOPE_FORBIDDEN })
  exportNdjson(
    @Query(new ZodQueryPipe(activityScopeQuerySchema)) query: ActivityScopeQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
    @CurrentRequestContext() context: RequestContext,
    @Res() response: Response,
  ): Promise<void> {
    return this.export('ndjson', query, principal, membership, context, response);
  }

  @Get(':eventId')
  @ApiParam({ name: 'eventId', description: 'eventId of a list item' })
  @ApiOkResponse({ description: 'The list item plus stream revision, field changes and the full metadata (correlation, user agent, hashes)' })
  @ApiForbiddenResponse({ description: 'Your role does not allow activity.read_own' })
  async detail(
    @Param('eventId') eventId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
  ): Promise<ActivityDetail> {
    const detail = await this.details.detail(detailAudience(principal, membership), eventId);
    if (!detail) throw new NotFoundException(`Event "${eventId}" was not found in this workspace's activity you may read`);
    return detail;
  }

  private export(
    format: ExportFormatName,
    { scope, ...filter }: ActivityScopeQuery,
    principal: Principal,
    membership: Membership,
    context: RequestContext,
    response: Response,
  ): Promise<void> {
    const audience = scopedAudience(scope, principal, membership);
    return this.exporter.export(response, { audience, filter, format, filters: exportedFilters(scope, filter), context });
  }
}

/** The filters as the caller gave them (q as typed), for the DataExported event. */
function exportedFilters(scope: string, { q, ...filter }: Omit<ActivityScopeQuery, 'scope'>): Record<string, JsonValue> {
  const given = Object.entries({ scope, ...filter, q: q?.text }).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries(given);
}
