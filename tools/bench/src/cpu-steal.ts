import { readFileSync } from 'node:fs';

/**
 * Starts measuring the share of the machine's CPU time that the VM host took
 * for others (steal); the returned function reads it since the start. On a
 * shared host it can be a third of the time, which slows every figure taken
 * meanwhile, so a benchmark prints it beside them. Undefined where
 * `/proc/stat` has no steal (not Linux).
 */
export function cpuStealMeter(): () => number | undefined {
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    if (!start || !end || end.total <= start.total) return undefined;
    return (end.steal - start.steal) / (end.total - start.total);
  };
}

export const percent = (share: number | undefined) => (share === undefined ? 'unknown' : `${(share * 100).toFixed(1)} %`);

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is inside user). */
function cpuTimes(): { total: number; steal: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
    return { total: fields.reduce((sum, n) => sum + n, 0), steal: fields[7] };
  } catch {
    return undefined;
  }
}
