import { applyDecorators, UseGuards, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiParam, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SessionGuard, WorkspaceAccessGuard } from '@trailmark/auth';
import { DomainErrorFilter } from '@trailmark/auth';

/**
 * A controller under `/api/workspaces/:ws`: a live session and membership of
 * `:ws` are required (each route adds `@RequirePermission`), and a decider's
 * refusal becomes the HTTP answer.
 */
export const WorkspaceAdminApi = (tag: string) =>
  applyDecorators(
    ApiTags(tag),
    ApiCookieAuth(),
    ApiBearerAuth(),
    ApiParam({ name: 'ws', description: 'Workspace id' }),
    ApiUnauthorizedResponse({ description: 'No live session' }),
    ApiForbiddenResponse({ description: 'Your role does not allow this' }),
    ApiNotFoundResponse({ description: 'You are not a member of this workspace, or the resource does not exist' }),
    UseGuards(SessionGuard, WorkspaceAccessGuard),
    UseFilters(DomainErrorFilter),
  );
