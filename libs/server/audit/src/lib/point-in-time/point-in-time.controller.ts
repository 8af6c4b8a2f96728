import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { ApiZodQuery, WorkspaceReadApi, ZodQueryPipe } from '@trailmark/activity';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { AUDIT_TAG, BAD_QUERY, forbidden } from '../audit-api';
import { type PastFeedPage, type PastKpis, PastViewsService } from './past-views.service';
import {
  type PastFeedQuery,
  pastFeedQuerySchema,
  type PastKpisQuery,
  pastKpisQuerySchema,
  type RecordDiffQuery,
  recordDiffQuerySchema,
  type RecordStateQuery,
  recordStateQuerySchema,
  type RecordStepsQuery,
  recordStepsQuerySchema,
} from './point-in-time-query.schema';
import { type RecordDiffAnswer, RecordHistoryService, type RecordStateAnswer, type RecordStepsPage } from './record-history.service';

const STATE = '{ lifecycle: not_seen|active|deleted, label, fields, commentIds, noteIds }';
const DIFF = '{ lifecycle: { from, to } | null, fields: [{ field, from, to }], comments: { added, removed }, notes: { added, removed } }';

/** The past, reconstructed: a record at a time or revision, its changes, and the feed and KPI cards at a time. */
@WorkspaceReadApi(AUDIT_TAG)
@RequirePermission('audit.read')
@ApiForbiddenResponse({ description: forbidden('audit.read') })
@ApiBadRequestResponse({ description: BAD_QUERY })
@Controller('api/workspaces/:ws/audit')
export class PointInTimeController {
  constructor(
    @Inject(RecordHistoryService) private readonly records: RecordHistoryService,
    @Inject(PastViewsService) private readonly views: PastViewsService,
  ) {}

  @Get('records/:type/:id/state')
  @ApiParam({ name: 'type', description: 'Record type: ticket, asset, customer or conversation' })
  @ApiParam({ name: 'id', description: "The host's record id" })
  @ApiZodQuery(recordStateQuerySchema)
  @ApiOkResponse({ description: `{ streamName, at, revision, state: ${STATE} }; recorded as PointInTimeViewed` })
  @ApiNotFoundResponse({ description: 'This workspace has no such record' })
  async state(@Param() ref: RecordParams, @Query(new ZodQueryPipe(recordStateQuerySchema)) query: RecordStateQuery, @CurrentRequestContext() context: RequestContext): Promise<RecordStateAnswer> {
    return found(await this.records.state(refOf(ref), query, context), ref);
  }

  @Get('records/:type/:id/diff')
  @ApiParam({ name: 'type', description: 'Record type: ticket, asset, customer or conversation' })
  @ApiParam({ name: 'id', description: "The host's record id" })
  @ApiZodQuery(recordDiffQuerySchema)
  @ApiOkResponse({ description: `{ streamName, from: { revision, state }, to: { revision, state }, changes: ${DIFF}, events }; recorded as PointInTimeViewed` })
  @ApiNotFoundResponse({ description: 'This workspace has no such record' })
  async diff(@Param() ref: RecordParams, @Query(new ZodQueryPipe(recordDiffQuerySchema)) query: RecordDiffQuery, @CurrentRequestContext() context: RequestContext): Promise<RecordDiffAnswer> {
    return found(await this.records.diff(refOf(ref), query, context), ref);
  }

  @Get('records/:type/:id/steps')
  @ApiParam({ name: 'type', description: 'Record type: ticket, asset, customer or conversation' })
  @ApiParam({ name: 'id', description: "The host's record id" })
  @ApiZodQuery(recordStepsQuerySchema)
  @ApiOkResponse({ description: '{ streamName, steps: [{ event, state, changes }], nextRevision }: each event with the record after it and what it changed; recorded as PointInTimeViewed' })
  @ApiNotFoundResponse({ description: 'This workspace has no such record' })
  async steps(@Param() ref: RecordParams, @Query(new ZodQueryPipe(recordStepsQuerySchema)) query: RecordStepsQuery, @CurrentRequestContext() context: RequestContext): Promise<RecordStepsPage> {
    return found(await this.records.steps(refOf(ref), query, context), ref);
  }

  @Get('feed')
  @ApiZodQuery(pastFeedQuerySchema)
  @ApiOkResponse({ description: '{ at, items, nextCursor, total }: the workspace feed as it stood at `at`, newest first; recorded as PointInTimeViewed' })
  feed(@Query(new ZodQueryPipe(pastFeedQuerySchema)) query: PastFeedQuery, @CurrentRequestContext() context: RequestContext): Promise<PastFeedPage> {
    return this.views.feed(query, context);
  }

  @Get('kpis')
  @ApiZodQuery(pastKpisQuerySchema)
  @ApiOkResponse({ description: '{ at, window, kpis: { total: { value, previous, changePercent }, signIns, writes, reads, uniqueIps } } as they stood at `at`; recorded as PointInTimeViewed' })
  kpis(@Query(new ZodQueryPipe(pastKpisQuerySchema)) query: PastKpisQuery, @CurrentRequestContext() context: RequestContext): Promise<PastKpis> {
    return this.views.kpis(query, context);
  }
}

interface RecordParams {
  ws: string;
  type: string;
  id: string;
}

const refOf = ({ type, id }: RecordParams) => ({ recordType: type, recordId: id });

function found<T>(answer: T | undefined, { type, id }: RecordParams): T {
  if (answer === undefined) throw new NotFoundException(`This workspace has no ${type} "${id}"`);
  return answer;
}
