import type { Command } from '../../decider';

export type CreateApiKey = Command<'CreateApiKey', { apiKeyId: string; workspaceId: string; name: string; prefix: string; keyHash: string }>;
export type RevokeApiKey = Command<'RevokeApiKey', { apiKeyId: string }>;

export type ApiKeyCommand = CreateApiKey | RevokeApiKey;
