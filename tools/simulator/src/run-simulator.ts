import { setTimeout as sleep } from 'node:timers/promises';
import { createTrailmarkClient, type TrailmarkClientOptions, type TrailmarkDeliveryError, TrailmarkQueueFullError } from '@trailmark/sdk';
import { progressLine, type SimulatorSummary, summaryLines } from './progress';
import { createScenario } from './scenario/scenario';

export interface SimulatorOptions {
  url: string;
  apiKey: string;
  /** Events per second. */
  rate: number;
  /** 0 runs until `signal` aborts. */
  durationSeconds: number;
  seed: number;
  /** Stops the run; what is queued is still delivered. */
  signal?: AbortSignal;
  /** Default 5000 ms. */
  progressIntervalMs?: number;
  /** Receives the progress and summary lines; silent by default. */
  log?: (line: string) => void;
  client?: Omit<TrailmarkClientOptions, 'baseUrl' | 'apiKey' | 'onError'>;
}

const TICK_MS = 20;
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Drives the scenario through the SDK at `rate` events a second: each tick
 * tops the count up to rate × elapsed time, so the pace holds whatever the
 * tick length. A refused key (401/403) ends the run; anything queued is
 * flushed before it returns.
 */
export async function runSimulator(options: SimulatorOptions): Promise<SimulatorSummary> {
  const { rate, durationSeconds, seed, progressIntervalMs = 5000, log = () => undefined } = options;
  const refused = new AbortController();
  const stop = options.signal ? AbortSignal.any([options.signal, refused.signal]) : refused.signal;
  const onError = (error: TrailmarkDeliveryError) => {
    log(`! ${error.message}`);
    if (error.status === 401 || error.status === 403) refused.abort();
  };
  const client = createTrailmarkClient({ ...options.client, baseUrl: options.url, apiKey: options.apiKey, onError });
  const scenario = createScenario(seed);
  const durationMs = durationSeconds > 0 ? durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  const started = performance.now();
  let generated = 0;
  let skipped = 0;
  let lastReport = { at: started, generated: 0 };

  const emitUpTo = (target: number) => {
    for (; generated + skipped < target; ) {
      try {
        client.track(scenario.next());
        generated += 1;
      } catch (error) {
        if (!(error instanceof TrailmarkQueueFullError)) throw error;
        skipped += 1;
      }
    }
  };
  const reportProgress = (now: number) => {
    if (now - lastReport.at < progressIntervalMs) return;
    const rateNow = ((generated - lastReport.generated) * 1000) / (now - lastReport.at);
    log(progressLine((now - started) / 1000, generated, client.stats, rateNow));
    lastReport = { at: now, generated };
  };

  let elapsed = 0;
  while (!stop.aborted && elapsed < durationMs) {
    await sleep(TICK_MS, undefined, { signal: stop }).catch(() => undefined);
    const now = performance.now();
    elapsed = Math.min(now - started, durationMs);
    if (!refused.signal.aborted) emitUpTo(Math.floor((elapsed / 1000) * rate));
    reportProgress(now);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  if (stop.aborted) log(`Stopping; delivering ${client.stats.queued} queued events...`);
  await client.shutdown({ timeoutMs: SHUTDOWN_TIMEOUT_MS });

  const { accepted, duplicates, failed } = client.stats;
  const stoppedBy = refused.signal.aborted ? 'refused' : stop.aborted ? 'signal' : 'duration';
  const summary: SimulatorSummary = { generated, skipped, accepted, duplicates, failed, elapsedSeconds, stoppedBy };
  summaryLines(summary).forEach((line) => log(line));
  return summary;
}
