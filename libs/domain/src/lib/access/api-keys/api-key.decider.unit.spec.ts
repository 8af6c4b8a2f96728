import { deciderSpec, fixedContext } from '../../decider-spec';
import { apiKeyDecider } from './api-key.decide';
import type { ApiKeyEvent } from './api-key.events';

const given = (events: ApiKeyEvent[]) => deciderSpec(apiKeyDecider, fixedContext()).given(events);

const createData = { apiKeyId: 'key-1', workspaceId: 'ws-1', name: 'Helpdesk ingest', prefix: 'tm_live_ab12', keyHash: 'sha256:ffee' };
const create = { type: 'CreateApiKey' as const, data: createData };
const revoke = { type: 'RevokeApiKey' as const, data: { apiKeyId: 'key-1' } };
const created: ApiKeyEvent = { type: 'ApiKeyCreated', data: createData };
const revoked: ApiKeyEvent = { type: 'ApiKeyRevoked', data: { apiKeyId: 'key-1' } };

describe('API key decider', () => {
  describe('CreateApiKey', () => {
    it('creates a key from its hash and prefix', () => {
      given([]).when(create).then([created]);
    });

    it('refuses to create the same key twice', () => {
      given([created]).when(create).thenThrows('api_key_already_exists');
    });

    it('refuses to bring a revoked key back', () => {
      given([created, revoked]).when(create).thenThrows('api_key_already_exists');
    });
  });

  describe('RevokeApiKey', () => {
    it('revokes a key', () => {
      given([created]).when(revoke).then([revoked]);
    });

    it('refuses to revoke twice', () => {
      given([created, revoked]).when(revoke).thenThrows('api_key_already_revoked');
    });

    it('refuses a key that does not exist', () => {
      given([]).when(revoke).thenThrows('api_key_not_found');
    });
  });
});
