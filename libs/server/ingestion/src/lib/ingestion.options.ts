import { DEFAULT_INGEST_RATE_LIMITS, type IngestRateLimits } from './ingest-rate-limiter';

export const INGESTION_OPTIONS = Symbol('INGESTION_OPTIONS');

export interface IngestionOptions {
  /** Per API key; 200 requests/s and 50,000 events/s by default. */
  rateLimits?: Partial<IngestRateLimits>;
  /** How long a key's row is trusted before it is read again: a revoked key stops working within this time. At most 5 s. */
  keyCacheTtlMs?: number;
}

export const MAX_KEY_CACHE_TTL_MS = 5000;

export interface ResolvedIngestionOptions {
  rateLimits: IngestRateLimits;
  keyCacheTtlMs: number;
}

export function resolveIngestionOptions(options: IngestionOptions = {}): ResolvedIngestionOptions {
  return {
    rateLimits: { ...DEFAULT_INGEST_RATE_LIMITS, ...options.rateLimits },
    keyCacheTtlMs: Math.min(options.keyCacheTtlMs ?? MAX_KEY_CACHE_TTL_MS, MAX_KEY_CACHE_TTL_MS),
  };
}
