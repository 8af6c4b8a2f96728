import { tokenBucket, type TokenBucket } from './token-bucket';

export interface IngestRateLimits {
  requestsPerSecond: number;
  eventsPerSecond: number;
}

export const DEFAULT_INGEST_RATE_LIMITS: IngestRateLimits = { requestsPerSecond: 200, eventsPerSecond: 50_000 };

/**
 * Two token buckets per API key, one for requests and one for events. A request
 * passes only when both hold enough, and then takes from both. The buckets live
 * in this process: N API processes allow N times the rate.
 */
export class IngestRateLimiter {
  private readonly buckets = new Map<string, { requests: TokenBucket; events: TokenBucket }>();

  constructor(
    private readonly limits: IngestRateLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** 0 when the request may go ahead (its tokens are taken); otherwise the seconds to wait. */
  take(apiKeyId: string, events: number): number {
    const now = this.clock();
    const buckets = this.bucketsOf(apiKeyId, now);
    const wait = Math.max(buckets.requests.waitFor(1, now), buckets.events.waitFor(events, now));
    if (wait > 0) return wait;
    buckets.requests.take(1);
    buckets.events.take(events);
    return 0;
  }

  private bucketsOf(apiKeyId: string, now: number) {
    let buckets = this.buckets.get(apiKeyId);
    if (!buckets) {
      buckets = { requests: tokenBucket(this.limits.requestsPerSecond, now), events: tokenBucket(this.limits.eventsPerSecond, now) };
      this.buckets.set(apiKeyId, buckets);
    }
    return buckets;
  }
}
