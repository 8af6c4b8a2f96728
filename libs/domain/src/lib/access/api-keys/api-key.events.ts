import type { DomainEvent } from '../../decider';

/**
 * The plain key is shown once by the API and never stored: events hold its hash, and the prefix
 * so people can tell their keys apart.
 */
export type ApiKeyCreated = DomainEvent<'ApiKeyCreated', { apiKeyId: string; workspaceId: string; name: string; prefix: string; keyHash: string }>;
export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { apiKeyId: string }>;

export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const apiKeyEventTypes = Object.keys({
  ApiKeyCreated: true,
  ApiKeyRevoked: true,
} satisfies Record<ApiKeyEvent['type'], true>) as ApiKeyEvent['type'][];
