import type { ApiKeyEvent } from './api-key.events';

export interface ApiKey {
  status: 'absent' | 'active' | 'revoked';
}

export const initialApiKey = (): ApiKey => ({ status: 'absent' });

export function evolveApiKey(state: ApiKey, event: ApiKeyEvent): ApiKey {
  const { type } = event;
  switch (type) {
    case 'ApiKeyCreated':
      return { status: 'active' };
    case 'ApiKeyRevoked':
      return { status: 'revoked' };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
