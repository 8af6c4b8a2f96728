import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNotFoundResponse, ApiParam, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { SessionGuard, WorkspaceAccessGuard } from '@trailmark/auth';
import { z } from 'zod';

type JsonSchema = { properties: Record<string, Record<string, unknown>> };

/** Documents each query parameter from the same schema that validates them. */
export const ApiZodQuery = (schema: z.ZodType): MethodDecorator => {
  const parameters = Object.entries((z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as JsonSchema).properties);
  return applyDecorators(
    ...parameters.map(([name, { description, ...property }]) => ApiQuery({ name, required: false, description: description as string | undefined, schema: property })),
  );
};

/** A read route under `/api/workspaces/:ws`: a live session and membership of `:ws`. */
export const WorkspaceReadApi = (tag: string) =>
  applyDecorators(
    ApiTags(tag),
    ApiCookieAuth(),
    ApiBearerAuth(),
    ApiParam({ name: 'ws', description: 'Workspace id' }),
    ApiUnauthorizedResponse({ description: 'No live session' }),
    ApiNotFoundResponse({ description: 'You are not a member of this workspace' }),
    UseGuards(SessionGuard, WorkspaceAccessGuard),
  );
