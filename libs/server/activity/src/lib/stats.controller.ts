import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentMembership, CurrentPrincipal, type Membership, type Principal } from '@trailmark/auth';
import { ApiZodQuery, WorkspaceReadApi } from './activity-api.decorators';
import { scopedAudience } from './activity-audience';
import { type StatsQuery, statsQuerySchema } from './stats-query.schema';
import type { StatsReport } from './stats-report';
import { StatsReader } from './stats.reader';
import { ZodQueryPipe } from './zod-query.pipe';

/** KPIs of the workspace or of your own activity, read from the stats read models. */
@WorkspaceReadApi('stats')
@Controller('api/workspaces/:ws/stats')
export class StatsController {
  constructor(private readonly reader: StatsReader) {}

  @Get()
  @ApiZodQuery(statsQuerySchema)
  @ApiOkResponse({
    description:
      '{ window, kpis: { total: { value, previous, changePercent }, signIns, writes, reads, uniqueIps }, series: [{ start, auth, writes, other }], ' +
      'split: [{ kind, events, percent }], topActors: [{ id, name, initials, events, lastSeen }], categories: [{ category, events }] }. ' +
      'Windows are whole UTC hours (group=hour) or days; changePercent compares with the window of equal length before, null when that had none.',
  })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid, or the series would have too many buckets; issues names each one' })
  @ApiForbiddenResponse({ description: 'Your role does not allow activity.read_own (scope=mine) or activity.read_workspace (scope=workspace)' })
  async stats(
    @Query(new ZodQueryPipe(statsQuerySchema)) query: StatsQuery,
    @CurrentPrincipal() principal: Principal,
    @CurrentMembership() membership: Membership,
  ): Promise<StatsReport> {
    const answer = await this.reader.report(scopedAudience(query.scope, principal, membership), query);
    if (answer.ok) return answer.report;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `The query string is not valid: group ${answer.message}`,
      issues: [{ path: 'group', message: answer.message }],
    });
  }
}
