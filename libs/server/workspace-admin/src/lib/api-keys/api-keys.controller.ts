import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { apiKeyDecider } from '@trailmark/domain';
import { generateApiKey } from '@trailmark/ingestion';
import { z } from 'zod';
import { AdminCommands } from '../common/admin-commands';
import { AdminDirectory } from '../common/admin-directory';
import { ParsedBody } from '../common/parsed-body.decorator';
import { WorkspaceAdminApi } from '../common/workspace-admin-api.decorator';

const createBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** Ingestion keys. The plain key is answered once; events and the directory hold only its hash. */
@WorkspaceAdminApi('api keys')
@Controller('api/workspaces/:ws/api-keys')
export class ApiKeysController {
  constructor(
    private readonly commands: AdminCommands,
    private readonly directory: AdminDirectory,
  ) {}

  @Get()
  @RequirePermission('api_keys.manage')
  @ApiOkResponse({ description: 'Every key of the workspace with its name, prefix, creation and revocation; never the key or its hash' })
  list(@Param('ws') ws: string) {
    return this.directory.apiKeys(ws);
  }

  @Post()
  @RequirePermission('api_keys.manage')
  @ApiCreatedResponse({ description: 'The new key, shown this once; ingestion accepts it as soon as this answers' })
  async create(@Param('ws') ws: string, @ParsedBody(createBody) { name }: z.infer<typeof createBody>, @CurrentRequestContext() context: RequestContext) {
    const { apiKeyId, key, keyHash, prefix } = generateApiKey();
    const command = { type: 'CreateApiKey' as const, data: { apiKeyId, workspaceId: ws, name, prefix, keyHash } };
    await this.commands.handle(streams.apiKey(ws, apiKeyId), apiKeyDecider, command, context, { awaitDirectory: true });
    return { id: apiKeyId, name, prefix, key };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('api_keys.manage')
  @ApiNoContentResponse({ description: 'Revoked; ingestion refuses the key as soon as this answers' })
  @ApiConflictResponse({ description: 'Already revoked' })
  async revoke(@Param('ws') ws: string, @Param('id') apiKeyId: string, @CurrentRequestContext() context: RequestContext): Promise<void> {
    const command = { type: 'RevokeApiKey' as const, data: { apiKeyId } };
    await this.commands.handle(streams.apiKey(ws, apiKeyId), apiKeyDecider, command, context, { awaitDirectory: true });
  }
}
