import { isFailureRecorded, retryDelayMs } from './backoff';

const policy = { baseMs: 100, capMs: 1000 };

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((attempt) => retryDelayMs(attempt, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('jitters between half and all of the delay', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(200);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(300);
  });
});

describe('isFailureRecorded', () => {
  it('records the first five attempts, then every tenth', () => {
    const recorded = Array.from({ length: 40 }, (_, i) => i + 1).filter(isFailureRecorded);
    expect(recorded).toEqual([1, 2, 3, 4, 5, 10, 20, 30, 40]);
  });
});
