import { applyDecorators, UseFilters } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { WorkspaceReadApi } from '@trailmark/activity';
import { DomainErrorFilter } from '@trailmark/auth';

/** Routes under `/api/workspaces/:ws/streaming`: a session, membership, `streaming.manage` (owners and admins). */
export const StreamingApi = () =>
  applyDecorators(
    WorkspaceReadApi('streaming'),
    ApiForbiddenResponse({ description: 'Only owners and admins manage streaming (streaming.manage)' }),
    ApiNotFoundResponse({ description: 'You are not a member of this workspace, or the destination is not one of its destinations' }),
    UseFilters(DomainErrorFilter),
  );
