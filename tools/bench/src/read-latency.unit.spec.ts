import { percentile } from './read-latency';

describe('percentile', () => {
  it('takes the nearest rank, whatever the order of the samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(samples, 50), percentile(samples, 95), percentile(samples, 100)]).toEqual([50, 95, 100]);
    expect(percentile([7, 3, 5], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
