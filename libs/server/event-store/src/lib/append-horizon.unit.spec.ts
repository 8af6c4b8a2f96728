import type { Pool } from 'pg';
import { sharedAppendHorizon } from './append-horizon';

/** A pool whose horizon looks finish when the test says, each with its own answer. */
function manualPool() {
  const looks: Array<{ resolve: (horizon: string) => void; reject: (error: Error) => void }> = [];
  const pool = {
    query: () =>
      new Promise((resolve, reject) => {
        looks.push({ resolve: (horizon) => resolve({ rows: [{ horizon }] }), reject });
      }),
  } as unknown as Pick<Pool, 'query'>;
  return { pool, looks };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sharedAppendHorizon', () => {
  it('gives callers that arrive during a look the next look, started after it, and shares that one among them', async () => {
    const { pool, looks } = manualPool();
    const horizon = sharedAppendHorizon(pool);
    const first = horizon();
    const second = horizon();
    const third = horizon();
    await settle();
    expect(looks).toHaveLength(1);

    looks[0].resolve('100');
    await settle();
    expect(looks).toHaveLength(2);
    looks[1].resolve('105');

    expect(await Promise.all([first, second, third])).toEqual(['100', '105', '105']);
  });

  it('starts a new look for a caller once nothing is under way', async () => {
    const { pool, looks } = manualPool();
    const horizon = sharedAppendHorizon(pool);
    const first = horizon();
    looks[0].resolve('7');
    expect(await first).toBe('7');
    const later = horizon();
    await settle();
    expect(looks).toHaveLength(2);
    looks[1].resolve('9');
    expect(await later).toBe('9');
  });

  it('fails only the callers of a look that failed; those waiting for the next one still get it', async () => {
    const { pool, looks } = manualPool();
    const horizon = sharedAppendHorizon(pool);
    const failing = horizon();
    const waiting = horizon();
    looks[0].reject(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await settle();
    looks[1].resolve('12');
    expect(await waiting).toBe('12');
  });
});
