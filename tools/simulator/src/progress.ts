import type { TrailmarkClientStats } from '@trailmark/sdk';

export interface SimulatorSummary {
  /** Events the scenario produced and the client queued. */
  generated: number;
  /** Events not queued because the client's queue was full. */
  skipped: number;
  accepted: number;
  duplicates: number;
  failed: number;
  /** Time spent generating, without the final flush. */
  elapsedSeconds: number;
  stoppedBy: 'duration' | 'signal' | 'refused';
}

const count = (n: number) => String(n).padStart(6);

export function progressLine(elapsedSeconds: number, generated: number, stats: TrailmarkClientStats, ratePerSecond: number): string {
  return [
    `[${elapsedSeconds.toFixed(0).padStart(5)}s]`,
    `generated ${count(generated)}`,
    `sent ${count(stats.sent)}`,
    `accepted ${count(stats.accepted)}`,
    `duplicates ${count(stats.duplicates)}`,
    `failed ${count(stats.failed)}`,
    `${ratePerSecond.toFixed(1).padStart(7)} ev/s`,
  ].join('  ');
}

export function summaryLines(summary: SimulatorSummary): string[] {
  const { generated, skipped, accepted, duplicates, failed, elapsedSeconds, stoppedBy } = summary;
  const rate = elapsedSeconds > 0 ? generated / elapsedSeconds : 0;
  return [
    `Stopped by ${stoppedBy} after ${elapsedSeconds.toFixed(1)}s: ${generated} events generated (${rate.toFixed(1)} ev/s)${skipped ? `, ${skipped} skipped (queue full)` : ''}`,
    `  accepted ${accepted}, duplicates ${duplicates}, failed ${failed}`,
  ];
}
