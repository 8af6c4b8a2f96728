import { cpuStealMeter, percent } from './cpu-steal';

describe('the CPU stolen by the VM host', () => {
  it('reads a share between 0 and 1 from /proc/stat once time has passed', () => {
    const stolen = cpuStealMeter();
    const until = Date.now() + 50;
    while (Date.now() < until) Math.sqrt(Math.random());
    const share = stolen();
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  });

  it('writes a share as a percentage, and says when it is unknown', () => {
    expect(percent(0.1234)).toBe('12.3 %');
    expect(percent(undefined)).toBe('unknown');
  });
});
