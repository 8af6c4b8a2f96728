import { StatsTicks, type TickTarget } from './stats-ticks';

const target = () => {
  const ticks: string[] = [];
  return { ticks, tick: (position: string) => ticks.push(position) } satisfies TickTarget & { ticks: string[] };
};

describe('StatsTicks', () => {
  it('coalesces marks between flushes into one tick at the latest position', () => {
    const ticks = new StatsTicks();
    const admin = target();
    ['p1', 'p3', 'p2'].forEach((position) => ticks.mark(admin, position));
    ticks.counted('p9');
    ticks.flush();
    ticks.flush();
    expect(admin.ticks).toEqual(['p3']);
  });

  it('waits until the stats projection has counted the position', () => {
    const ticks = new StatsTicks();
    const admin = target();
    ticks.mark(admin, 'p5');
    ticks.counted('p4');
    ticks.flush();
    expect(admin.ticks).toEqual([]);
    ticks.counted(null);
    ticks.counted('p5');
    ticks.flush();
    expect(admin.ticks).toEqual(['p5']);
  });

  it('keeps ticking a target whose marks stay ahead of the count, once the earliest of them is counted', () => {
    const ticks = new StatsTicks();
    const admin = target();
    ticks.mark(admin, 'p1');
    ticks.mark(admin, 'p5');
    ticks.counted('p3');
    ticks.flush();
    expect(admin.ticks).toEqual(['p3']);
    ticks.mark(admin, 'p7');
    ticks.counted('p4');
    ticks.flush();
    expect(admin.ticks).toEqual(['p3']);
    ticks.counted('p6');
    ticks.flush();
    expect(admin.ticks).toEqual(['p3', 'p6']);
    ticks.counted('p7');
    ticks.flush();
    ticks.flush();
    expect(admin.ticks).toEqual(['p3', 'p6', 'p7']);
  });

  it('forgets a target that unsubscribed', () => {
    const ticks = new StatsTicks();
    const admin = target();
    ticks.mark(admin, 'p1');
    ticks.forget(admin);
    ticks.counted('p1');
    ticks.flush();
    expect(admin.ticks).toEqual([]);
  });
});
