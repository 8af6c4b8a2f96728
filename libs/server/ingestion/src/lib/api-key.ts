import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const API_KEY_SCHEME = 'tmk';

/** `tmk_<apiKeyId>_<secret>`: the id lets the key's row be found without a lookup by hash. */
const API_KEY = /^tmk_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;
const PREFIX_LENGTH = `${API_KEY_SCHEME}_`.length + 8;

export interface GeneratedApiKey {
  apiKeyId: string;
  /** Shown once to whoever created it, never stored. */
  key: string;
  /** The first characters, so people can tell their keys apart. */
  prefix: string;
  /** SHA-256 hex of the whole key: what `ApiKeyCreated` carries. */
  keyHash: string;
}

/** A new key, in the format the ingestion guard accepts: a UUID for its id and 32 random bytes as its secret. */
export function generateApiKey(): GeneratedApiKey {
  const apiKeyId = randomUUID();
  const key = `${API_KEY_SCHEME}_${apiKeyId}_${randomBytes(32).toString('base64url')}`;
  return { apiKeyId, key, prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The key's id, or undefined when the string is not a key in Trailmark's format. */
export function parseApiKeyId(key: string): string | undefined {
  return API_KEY.exec(key)?.[1];
}

/** Compares in constant time, so response times say nothing about how close a guess was. */
export function apiKeyMatches(key: string, keyHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(keyHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
