import type { Pool } from 'pg';
import type { RunnerLogger } from '../projection-runner';
import { applyRetention, type RetentionOptions } from './apply-retention';

export interface RetentionJobOptions extends RetentionOptions {
  /** Between passes; hourly by default. */
  intervalMs?: number;
  logger?: RunnerLogger;
  clock?: () => Date;
}

export interface RunningRetention {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Applies retention now and then every interval, in the processes that run
 * the projections. Several may run it: a pass that finds another one under
 * way does nothing. A failed pass is logged and tried again next time.
 */
export function startRetentionJob(pool: Pool, options: RetentionJobOptions = {}): RunningRetention {
  const { intervalMs = 3_600_000, logger, clock = () => new Date() } = options;
  let inFlight: Promise<void> | undefined;
  const pass = async () => {
    try {
      const { droppedPartitions, deletedRows } = await applyRetention(pool, clock(), options);
      if (droppedPartitions.length > 0 || deletedRows > 0) {
        logger?.info(`Retention dropped ${droppedPartitions.length} feed partition(s) [${droppedPartitions.join(', ')}] and deleted ${deletedRows} feed row(s)`);
      }
    } catch (error) {
      logger?.error({ err: error }, 'Retention failed; it runs again at the next interval');
    }
  };
  const tick = () => {
    inFlight ??= pass().finally(() => (inFlight = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
