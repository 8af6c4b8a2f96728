export interface RetryPolicy {
  /** Tries per batch, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A server asking for a pause longer than this is treated as asking for this. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter: a random wait between 0 and
 * min(maxDelayMs, baseDelayMs × 2^retry), so clients that failed together do
 * not retry together. `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * The wait before the next try: what the server asked for in `Retry-After`
 * (plus a little jitter), else the backoff.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  if (retryAfterMs === undefined) return backoffDelay(retry, policy, random);
  return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) + Math.floor(random() * policy.baseDelayMs);
}

/** `Retry-After` is either delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its month; V8 would otherwise read "1.5" as a date too.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
