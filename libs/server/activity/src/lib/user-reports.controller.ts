import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse } from '@nestjs/swagger';
import { RequirePermission } from '@trailmark/auth';
import type { WorkspaceAction } from '@trailmark/domain';
import { ApiZodQuery, WorkspaceReadApi } from './activity-api.decorators';
import {
  type FailedLoginsQuery,
  failedLoginsQuerySchema,
  type InactiveQuery,
  inactiveQuerySchema,
  type ReportQuery,
  reportQuerySchema,
  type SecuritySignalsQuery,
  securitySignalsQuerySchema,
} from './user-activity-query.schema';
import {
  type FailedLoginsReport,
  type InactiveReport,
  type LoginsReport,
  type SecuritySignalsReport,
  type UsageReport,
  UserReportsReader,
} from './user-reports.reader';
import { ZodQueryPipe } from './zod-query.pipe';

/** Reports show what everyone did, so they take what the workspace feed takes (owners, admins, auditors). */
const READ_REPORTS: WorkspaceAction = 'activity.read_workspace';

/** Sign-in, usage and security reports of a workspace, from the user-activity read models. */
@WorkspaceReadApi('reports')
@RequirePermission(READ_REPORTS)
@ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
@ApiForbiddenResponse({ description: `Your role does not allow ${READ_REPORTS}` })
@Controller('api/workspaces/:ws/reports')
export class UserReportsController {
  constructor(private readonly reader: UserReportsReader) {}

  @Get('logins')
  @ApiZodQuery(reportQuerySchema)
  @ApiOkResponse({ description: '{ from, to, users: [{ userId, name, kind, logins, failures, distinctIps, lastLoginAt }] }: most sign-ins first' })
  logins(@Param('ws') workspaceId: string, @Query(new ZodQueryPipe(reportQuerySchema)) query: ReportQuery): Promise<LoginsReport> {
    return this.reader.logins(workspaceId, query);
  }

  @Get('usage')
  @ApiZodQuery(reportQuerySchema)
  @ApiOkResponse({ description: '{ from, to, users: [{ userId, name, kind, activeDays, events, lastActiveDay }] }: active UTC days, most first' })
  usage(@Param('ws') workspaceId: string, @Query(new ZodQueryPipe(reportQuerySchema)) query: ReportQuery): Promise<UsageReport> {
    return this.reader.usage(workspaceId, query);
  }

  @Get('inactive')
  @ApiZodQuery(inactiveQuerySchema)
  @ApiOkResponse({ description: '{ days, since, members: [{ userId, name, role, joinedAt, lastActivityAt, lastLoginAt }] }: never active first, then longest idle' })
  inactive(@Param('ws') workspaceId: string, @Query(new ZodQueryPipe(inactiveQuerySchema)) query: InactiveQuery): Promise<InactiveReport> {
    return this.reader.inactive(workspaceId, query);
  }

  @Get('failed-logins')
  @ApiZodQuery(failedLoginsQuerySchema)
  @ApiOkResponse({
    description: '{ from, to, byAccount: [{ userId, name, failures, distinctIps, lastFailureAt }], byIp: [{ ip, failures, accounts, lastFailureAt }] }: most failures first',
  })
  failedLogins(@Param('ws') workspaceId: string, @Query(new ZodQueryPipe(failedLoginsQuerySchema)) query: FailedLoginsQuery): Promise<FailedLoginsReport> {
    return this.reader.failedLogins(workspaceId, query);
  }

  @Get('security-signals')
  @ApiZodQuery(securitySignalsQuerySchema)
  @ApiOkResponse({
    description:
      '{ from, to, signals: [{ kind, position, userId, userName, ip, device, failures, accounts, startedAt, lastAt }] }: ' +
      'account_failure_burst, ip_failure_burst (5 failures within 10 minutes; one signal per burst), new_ip, new_device; latest first',
  })
  securitySignals(
    @Param('ws') workspaceId: string,
    @Query(new ZodQueryPipe(securitySignalsQuerySchema)) query: SecuritySignalsQuery,
  ): Promise<SecuritySignalsReport> {
    return this.reader.securitySignals(workspaceId, query);
  }
}
