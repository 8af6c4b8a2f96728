export interface TokenBucket {
  /** Seconds until `cost` tokens are there; 0 when they are there now. */
  waitFor(cost: number, nowMs: number): number;
  /** Takes the tokens `waitFor` found there. */
  take(cost: number): void;
}

/**
 * A bucket of `ratePerSecond` tokens, refilled continuously, that allows a
 * burst of one second's worth. A cost above the capacity waits for a full
 * bucket and empties it, so no request is refused forever.
 */
export function tokenBucket(ratePerSecond: number, nowMs: number): TokenBucket {
  const capacity = ratePerSecond;
  let tokens = capacity;
  let updatedMs = nowMs;
  const affordable = (cost: number) => Math.min(cost, capacity);
  return {
    waitFor(cost, now) {
      tokens = Math.min(capacity, tokens + (Math.max(0, now - updatedMs) / 1000) * ratePerSecond);
      updatedMs = Math.max(updatedMs, now);
      return Math.max(0, affordable(cost) - tokens) / ratePerSecond;
    },
    take(cost) {
      tokens -= affordable(cost);
    },
  };
}
