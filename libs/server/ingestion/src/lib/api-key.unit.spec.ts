import { createHash } from 'node:crypto';
import { apiKeyMatches, generateApiKey, hashApiKey, parseApiKeyId } from './api-key';

describe('API keys', () => {
  it('generates tmk_<id>_<secret> keys with a 32-byte base64url secret', () => {
    const { apiKeyId, key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(new RegExp(`^tmk_${apiKeyId}_[A-Za-z0-9_-]{43}$`));
    expect(Buffer.from(key.slice(-43), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(0, 12));
    expect(keyHash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('generates a different key every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it('parses the id back out of a key, whatever its secret contains', () => {
    const { apiKeyId, key } = generateApiKey();
    expect(parseApiKeyId(key)).toBe(apiKeyId);
    expect(parseApiKeyId(`tmk_${apiKeyId}_${'_-'.repeat(21)}a`)).toBe(apiKeyId);
  });

  it.each(['', 'tmk_', 'Bearer tmk_x_y', 'tmk_not-a-uuid_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `tmk_${'0'.repeat(36)}_short`, `sk_${'0'.repeat(36)}_${'A'.repeat(43)}`])(
    'refuses the malformed key %j',
    (key) => {
      expect(parseApiKeyId(key)).toBeUndefined();
    },
  );

  it('matches a key against its stored hash only', () => {
    const { key, keyHash } = generateApiKey();
    expect(apiKeyMatches(key, keyHash)).toBe(true);
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(apiKeyMatches(tampered, keyHash)).toBe(false);
    expect(apiKeyMatches(key, 'not hex')).toBe(false);
    expect(hashApiKey(key)).toBe(keyHash);
  });
});
