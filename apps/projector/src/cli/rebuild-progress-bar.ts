import { Presets, SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@trailmark/projections';

export interface ProgressBarOptions {
  /** Events the rebuild will replay, when known; without it the bar shows counts only. */
  total?: number;
  stream?: NodeJS.WritableStream;
  /** Without a terminal, a progress line is printed this often. */
  lineIntervalMs?: number;
  now?: () => number;
}

export interface RebuildProgressBar {
  update(progress: RebuildProgress): void;
  stop(): void;
}

/**
 * One rebuild's progress: events applied, events per second, the phase and
 * the position reached. Redrawn in place on a terminal; elsewhere (logs, CI)
 * printed as a line every few seconds.
 */
export function rebuildProgressBar(projection: string, options: ProgressBarOptions = {}): RebuildProgressBar {
  const { total, stream = process.stdout, lineIntervalMs = 5000, now = Date.now } = options;
  const counts = total === undefined ? '{value} events' : '[{bar}] {percentage}% | {value}/{total} events';
  const bar = new SingleBar(
    {
      format: `${projection} ${counts} | {rate} ev/s | {phase} | at {position}`,
      stream,
      noTTYOutput: true,
      notTTYSchedule: lineIntervalMs,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const started = now();
  bar.start(total ?? 0, 0, { rate: 0, phase: 'starting', position: '-' });
  return {
    update({ applied, phase, position }) {
      // The total is counted before the replay starts; events keep arriving meanwhile.
      if (total !== undefined && (applied > bar.getTotal() || phase === 'done')) bar.setTotal(applied);
      const seconds = Math.max(now() - started, 1) / 1000;
      bar.update(applied, { rate: Math.round(applied / seconds), phase, position: position ?? '-' });
    },
    stop: () => bar.stop(),
  };
}
