import type { Projection } from '@trailmark/projections';

export interface HoldLogger {
  warn(message: string): void;
}

/**
 * Test-only, for the crash test: with TRAILMARK_TEST_HOLD_BATCH_AFTER=n each
 * projection, once it has applied n events in this process, keeps the batch's
 * transaction open (rows written, checkpoint not) for good and says so in the
 * log, so the test can kill the process in the middle of a batch. Unset, the
 * projections are returned as they are.
 */
export function holdBatchesForTests(projections: readonly Projection[], env: NodeJS.ProcessEnv, logger: HoldLogger): readonly Projection[] {
  const after = Number(env['TRAILMARK_TEST_HOLD_BATCH_AFTER'] ?? 0);
  if (!(after > 0)) return projections;
  return projections.map((projection) => {
    let applied = 0;
    return {
      ...projection,
      async apply(client, events) {
        await projection.apply(client, events);
        applied += events.length;
        if (applied < after) return;
        logger.warn(`Test hold: projection ${projection.name} keeps a batch of ${events.length} open after ${applied} events`);
        await new Promise<never>(() => undefined);
      },
    };
  });
}
