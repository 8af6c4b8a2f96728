import { Inject, Injectable, Optional } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import { INGESTION_OPTIONS, type IngestionOptions, resolveIngestionOptions } from './ingestion.options';

export interface ApiKeyRecord {
  apiKeyId: string;
  workspaceId: string;
  keyHash: string;
  revoked: boolean;
  /** False once the key's workspace is gone from the directory. */
  workspaceExists: boolean;
}

const MAX_CACHED_KEYS = 10_000;

/**
 * API keys from the directory read model, each kept in memory for a few
 * seconds so ingestion does not query Postgres on every request. A revocation
 * therefore takes effect within the cache TTL. Unknown ids are cached too, and
 * concurrent requests for one key share one query.
 */
@Injectable()
export class ApiKeysRepository {
  private readonly cache = new Map<string, { record: Promise<ApiKeyRecord | undefined>; expiresAt: number }>();
  private readonly ttlMs: number;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Optional() @Inject(INGESTION_OPTIONS) options?: IngestionOptions,
  ) {
    this.ttlMs = resolveIngestionOptions(options).keyCacheTtlMs;
  }

  find(apiKeyId: string): Promise<ApiKeyRecord | undefined> {
    const now = Date.now();
    const cached = this.cache.get(apiKeyId);
    if (cached && cached.expiresAt > now) return cached.record;
    this.cache.delete(apiKeyId);
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value as string);
    const record = this.load(apiKeyId);
    this.cache.set(apiKeyId, { record, expiresAt: now + this.ttlMs });
    record.catch(() => this.cache.delete(apiKeyId));
    return record;
  }

  private async load(apiKeyId: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.pool.query<ApiKeyRecord>(
      `SELECT k.api_key_id AS "apiKeyId", k.workspace_id AS "workspaceId", k.key_hash AS "keyHash",
              k.revoked_at IS NOT NULL AS revoked, w.workspace_id IS NOT NULL AS "workspaceExists"
       FROM directory_api_keys k LEFT JOIN directory_workspaces w ON w.workspace_id = k.workspace_id
       WHERE k.api_key_id = $1`,
      [apiKeyId],
    );
    return rows[0];
  }
}
