import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { apiKeyMatches, parseApiKeyId } from './api-key';
import { ApiKeysRepository } from './api-keys.repository';
import type { IngestionRequest } from './ingestion-request';

/**
 * Requires `Authorization: Bearer tmk_<id>_<secret>` naming a live key; the key
 * decides the workspace the request writes to. Unknown ids and wrong secrets
 * get the same answer, so a caller learns nothing about which keys exist.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<IngestionRequest>();
    const key = bearerToken(request.headers.authorization);
    if (!key) throw new UnauthorizedException('Send an API key: Authorization: Bearer <key>');
    const apiKeyId = parseApiKeyId(key);
    if (!apiKeyId) throw new UnauthorizedException('Malformed API key: expected tmk_<id>_<secret>');
    const record = await this.keys.find(apiKeyId);
    if (!record || !apiKeyMatches(key, record.keyHash)) throw new UnauthorizedException('Unknown API key');
    if (record.revoked) throw new UnauthorizedException('API key revoked');
    if (!record.workspaceExists) throw new ForbiddenException("The API key's workspace no longer exists");
    request.apiKey = { apiKeyId, workspaceId: record.workspaceId };
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
