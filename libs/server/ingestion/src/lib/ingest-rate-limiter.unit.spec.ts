import { IngestRateLimiter } from './ingest-rate-limiter';

function limiterAt(limits: { requestsPerSecond: number; eventsPerSecond: number }) {
  let now = 1_000_000;
  const limiter = new IngestRateLimiter(limits, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('IngestRateLimiter', () => {
  it('allows a burst of one second of requests, then refuses until tokens come back', () => {
    const { limiter, advance } = limiterAt({ requestsPerSecond: 2, eventsPerSecond: 1000 });
    expect(limiter.take('k1', 1)).toBe(0);
    expect(limiter.take('k1', 1)).toBe(0);
    expect(limiter.take('k1', 1)).toBeCloseTo(0.5);
    advance(500);
    expect(limiter.take('k1', 1)).toBe(0);
  });

  it('limits events per second independently of requests', () => {
    const { limiter, advance } = limiterAt({ requestsPerSecond: 100, eventsPerSecond: 10 });
    expect(limiter.take('k1', 8)).toBe(0);
    expect(limiter.take('k1', 4)).toBeCloseTo(0.2);
    advance(200);
    expect(limiter.take('k1', 4)).toBe(0);
  });

  it('takes nothing from either bucket for a refused request', () => {
    const { limiter } = limiterAt({ requestsPerSecond: 2, eventsPerSecond: 10 });
    expect(limiter.take('k1', 20)).toBe(0);
    expect(limiter.take('k1', 1)).toBeCloseTo(0.1);
    expect(limiter.take('k1', 0)).toBe(0);
    expect(limiter.take('k1', 0)).toBeCloseTo(0.5);
  });

  it('lets a request larger than the bucket through once the bucket is full', () => {
    const { limiter, advance } = limiterAt({ requestsPerSecond: 10, eventsPerSecond: 5 });
    expect(limiter.take('k1', 50)).toBe(0);
    expect(limiter.take('k1', 50)).toBeCloseTo(1);
    advance(1000);
    expect(limiter.take('k1', 50)).toBe(0);
  });

  it('keeps one pair of buckets per key', () => {
    const { limiter } = limiterAt({ requestsPerSecond: 1, eventsPerSecond: 100 });
    expect(limiter.take('k1', 1)).toBe(0);
    expect(limiter.take('k1', 1)).toBeGreaterThan(0);
    expect(limiter.take('k2', 1)).toBe(0);
  });
});
