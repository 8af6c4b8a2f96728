import { type Decider, DomainError } from '../../decider';
import type { ApiKeyCommand, CreateApiKey, RevokeApiKey } from './api-key.commands';
import type { ApiKeyCreated, ApiKeyEvent, ApiKeyRevoked } from './api-key.events';
import { type ApiKey, evolveApiKey, initialApiKey } from './api-key.state';

export function createApiKey({ data }: CreateApiKey, state: ApiKey): ApiKeyCreated[] {
  if (state.status !== 'absent') throw new DomainError('api_key_already_exists', `API key ${data.apiKeyId} already exists`);
  return [{ type: 'ApiKeyCreated', data }];
}

export function revokeApiKey({ data }: RevokeApiKey, state: ApiKey): ApiKeyRevoked[] {
  if (state.status === 'absent') throw new DomainError('api_key_not_found', `API key ${data.apiKeyId} does not exist`);
  if (state.status === 'revoked') throw new DomainError('api_key_already_revoked', `API key ${data.apiKeyId} is already revoked`);
  return [{ type: 'ApiKeyRevoked', data }];
}

export function decideApiKey(command: ApiKeyCommand, state: ApiKey): ApiKeyEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateApiKey':
      return createApiKey(command, state);
    case 'RevokeApiKey':
      return revokeApiKey(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const apiKeyDecider: Decider<ApiKey, ApiKeyCommand, ApiKeyEvent> = {
  initialState: initialApiKey,
  evolve: evolveApiKey,
  decide: decideApiKey,
};
