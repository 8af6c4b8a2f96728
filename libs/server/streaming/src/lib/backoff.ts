export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt + 1`: exponential from `baseMs`, capped,
 * with "equal jitter" (between half and all of it) so destinations that failed
 * together do not retry together.
 */
export function retryDelayMs(attempt: number, { baseMs, capMs }: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Failed attempts recorded as events: the first five, then every tenth, so an outage is visible without a storm of events. */
export const RECORDED_FAILURES = { first: 5, every: 10 } as const;

export function isFailureRecorded(attempt: number): boolean {
  return attempt <= RECORDED_FAILURES.first || attempt % RECORDED_FAILURES.every === 0;
}
