import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { RequirePermission } from '@trailmark/auth';
import type { WorkspaceAction } from '@trailmark/domain';
import { ApiZodQuery, WorkspaceReadApi } from './activity-api.decorators';
import { type RecordTimelineQuery, recordTimelineQuerySchema } from './record-timeline-query.schema';
import { type RecordTimelinePage, RecordTimelineReader } from './record-timeline.reader';
import { ZodQueryPipe } from './zod-query.pipe';

/** A timeline shows what everyone did to a record, so it takes what the workspace feed takes. */
const READ_TIMELINE: WorkspaceAction = 'activity.read_workspace';

/** The Activity tab of one record, read from the record_timeline and record_labels read models. */
@WorkspaceReadApi('activity')
@ApiParam({ name: 'type', description: 'Record type, e.g. ticket' })
@ApiParam({ name: 'id', description: "The host's stable record id (not its number, which may come later)" })
@Controller('api/workspaces/:ws/records/:type/:id/timeline')
export class RecordTimelineController {
  constructor(private readonly reader: RecordTimelineReader) {}

  @Get()
  @RequirePermission(READ_TIMELINE)
  @ApiZodQuery(recordTimelineQuerySchema)
  @ApiOkResponse({
    description:
      '{ record, items, nextCursor, total }: changes (previous and new values), comments, replies, status changes, assignments, ' +
      'files and page views (with the URL); each item carries the record and its current label',
  })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  @ApiForbiddenResponse({ description: `Your role does not allow ${READ_TIMELINE}` })
  @ApiNotFoundResponse({ description: 'This workspace has no such record, or you are not a member of it' })
  async timeline(
    @Param('ws') workspaceId: string,
    @Param('type') recordType: string,
    @Param('id') recordId: string,
    @Query(new ZodQueryPipe(recordTimelineQuerySchema)) query: RecordTimelineQuery,
  ): Promise<RecordTimelinePage> {
    const page = await this.reader.page({ workspaceId, recordType, recordId }, query);
    if (!page) throw new NotFoundException(`This workspace has no ${recordType} "${recordId}"`);
    return page;
  }
}
