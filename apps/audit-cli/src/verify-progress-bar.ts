import { Presets, SingleBar } from 'cli-progress';
import type { IntegrityProgress } from '@trailmark/audit';

export interface VerifyProgressBar {
  update(progress: IntegrityProgress): void;
  stop(): void;
}

/**
 * Events verified of those the store's heads promise, and the rate. Redrawn
 * in place on a terminal; elsewhere a line every few seconds. On stderr, so
 * that stdout holds the report alone.
 */
export function verifyProgressBar(stream: NodeJS.WritableStream = process.stderr, lineIntervalMs = 5000, now = Date.now): VerifyProgressBar {
  const bar = new SingleBar(
    { format: 'verify [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s', stream, noTTYOutput: true, notTTYSchedule: lineIntervalMs, hideCursor: true },
    Presets.shades_classic,
  );
  const started = now();
  let begun = false;
  return {
    update({ events, totalEvents }) {
      if (!begun) bar.start(totalEvents, 0, { rate: 0 });
      begun = true;
      // A tampered or growing store may hold more than its heads promise.
      if (events > bar.getTotal()) bar.setTotal(events);
      bar.update(events, { rate: Math.round(events / (Math.max(now() - started, 1) / 1000)) });
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}
