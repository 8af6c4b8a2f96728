import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from './backoff';

const policy = { baseDelayMs: 200, maxDelayMs: 30_000 };

describe('backoff', () => {
  it('doubles the ceiling on every retry', () => {
    const atCeiling = () => 0.999_999;
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, atCeiling))).toEqual([199, 399, 799, 1599, 3199]);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(backoffDelay(20, policy, () => 0.999_999)).toBe(29_999);
    expect(backoffDelay(1000, policy, () => 0.999_999)).toBe(29_999);
  });

  it('draws the whole range from zero to the ceiling (full jitter)', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(800);
  });

  it('stays within bounds with the real random source', () => {
    for (let retry = 0; retry < 12; retry += 1) {
      const delay = backoffDelay(retry, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(30_000, 200 * 2 ** retry));
    }
  });
});

describe('retryDelay', () => {
  it('uses the backoff when the server gave no Retry-After', () => {
    expect(retryDelay(2, undefined, policy, () => 0.5)).toBe(400);
  });

  it('honours Retry-After, with jitter of at most one base delay on top', () => {
    expect(retryDelay(0, 2000, policy, () => 0)).toBe(2000);
    expect(retryDelay(0, 2000, policy, () => 0.5)).toBe(2100);
  });

  it('honours a Retry-After longer than maxDelayMs, up to a hard ceiling', () => {
    expect(retryDelay(0, 60_000, policy, () => 0)).toBe(60_000);
    expect(retryDelay(0, 86_400_000, policy, () => 0)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 00:00:10 GMT', 10_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
  ])('reads %j as %d ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([null, undefined, '', 'soon', '-5', '1.5'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
