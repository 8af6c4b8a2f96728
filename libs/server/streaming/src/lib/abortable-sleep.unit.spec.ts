import { abortableSleep } from './abortable-sleep';

describe('abortableSleep', () => {
  it('ends at once when the signal aborts, or has already aborted', async () => {
    const stopping = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(10_000, stopping.signal);
    stopping.abort();
    await sleeping;
    await abortableSleep(10_000, stopping.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('otherwise waits the time it was given', async () => {
    const started = Date.now();
    await abortableSleep(50, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
