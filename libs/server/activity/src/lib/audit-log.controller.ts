import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentMembership, type Membership, RequirePermission } from '@trailmark/auth';
import { ApiZodQuery, WorkspaceReadApi } from './activity-api.decorators';
import type { ActivityAudience } from './activity-filter.sql';
import { type ActivityFacets, ActivityFeedReader, type ActivityPage } from './activity-feed.reader';
import {
  AUDIT_CATEGORIES,
  auditLogFacetsQuerySchema,
  auditLogQuerySchema,
  type ActivityFilter,
  type ActivityQuery,
} from './activity-query.schema';
import { ZodQueryPipe } from './zod-query.pipe';

const FORBIDDEN = 'Your role does not allow audit.read (owners, admins and auditors have it)';

/** Everyone's security-relevant activity: the feed narrowed to the audit categories. */
const auditAudience = ({ workspaceId }: Membership): ActivityAudience => ({ workspaceId, categories: AUDIT_CATEGORIES });

/** The workspace audit log: sign-ins, permissions, members, teams, settings, API keys, exports and impersonation. */
@WorkspaceReadApi('audit-log')
@RequirePermission('audit.read')
@Controller('api/workspaces/:ws/audit-log')
export class AuditLogController {
  constructor(private readonly reader: ActivityFeedReader) {}

  @Get()
  @ApiZodQuery(auditLogQuerySchema)
  @ApiOkResponse({ description: `{ items, nextCursor, total }, newest first, of the categories ${AUDIT_CATEGORIES.join(', ')}` })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  list(@Query(new ZodQueryPipe(auditLogQuerySchema)) query: Omit<ActivityQuery, 'scope'>, @CurrentMembership() membership: Membership): Promise<ActivityPage> {
    return this.reader.page(auditAudience(membership), query, query);
  }

  @Get('facets')
  @ApiZodQuery(auditLogFacetsQuerySchema)
  @ApiOkResponse({ description: '{ categories, total }: each audit category under the other filters; total is their sum' })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  facets(@Query(new ZodQueryPipe(auditLogFacetsQuerySchema)) query: ActivityFilter, @CurrentMembership() membership: Membership): Promise<ActivityFacets> {
    return this.reader.facets(auditAudience(membership), query);
  }
}
