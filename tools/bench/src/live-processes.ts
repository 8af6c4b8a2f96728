import { readdirSync, readFileSync } from 'node:fs';
import { residentMb } from './read-export';

/** Every child of this process whose command line contains `fragment`. */
export function childPids(fragment: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      return parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(fragment) ? [Number(entry)] : [];
    } catch {
      // The process ended while we looked.
      return [];
    }
  });
}

/** CPU seconds a process has used so far (user and system), or NaN once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export interface ProcessUsage {
  pid: number;
  firstMb: number;
  peakMb: number;
  /** Share of one core used between start and stop. */
  cpuPercent: number;
}

/** Samples the VmRSS of each pid every second (the first value and the peak) and the CPU each used meanwhile. */
export function sampleProcesses(pids: readonly number[]): { stop(): ProcessUsage[] } {
  const started = performance.now();
  const samples = pids.map((pid) => ({ pid, firstMb: residentMb(pid) ?? Number.NaN, peakMb: residentMb(pid) ?? Number.NaN, cpuAtStart: cpuSeconds(pid) }));
  const timer = setInterval(() => {
    for (const sample of samples) sample.peakMb = Math.max(sample.peakMb, residentMb(sample.pid) ?? 0);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      return samples.map(({ pid, firstMb, peakMb, cpuAtStart }) => ({ pid, firstMb, peakMb, cpuPercent: ((cpuSeconds(pid) - cpuAtStart) / seconds) * 100 }));
    },
  };
}
