import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { residentMb } from './read-export';

/** Clock ticks per second of /proc's CPU times on Linux. */
const TICKS = 100;

interface ProcessStat {
  pid: number;
  parent: number;
  /** User and system CPU seconds so far. */
  cpu: number;
}

function stat(pid: number): ProcessStat | undefined {
  try {
    // Fields after the command name: state, ppid, …, utime (14th of the line), stime (15th).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return { pid, parent: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS };
  } catch {
    // The process ended while we looked.
    return undefined;
  }
}

function allProcesses(): ProcessStat[] {
  return readdirSync('/proc').flatMap((entry) => (/^\d+$/.test(entry) ? (stat(Number(entry)) ?? []) : []));
}

/** Every child of this process whose command line contains `fragment`. */
export function childPids(fragment: string): number[] {
  return allProcesses()
    .filter(({ pid, parent }) => parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(fragment))
    .map(({ pid }) => pid);
}

/** CPU seconds of this process and all its descendants (Postgres, Redis, the api nodes, the projector), by pid. */
function benchmarkCpu(): Map<number, number> {
  const processes = allProcesses();
  const inTree = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { pid, parent } of processes) {
      if (!inTree.has(parent) || inTree.has(pid)) continue;
      inTree.add(pid);
      grew = true;
    }
  }
  return new Map(processes.filter(({ pid }) => inTree.has(pid)).map(({ pid, cpu }) => [pid, cpu]));
}

/** Busy, stolen (a virtual machine's CPU time its host gave to others) and total CPU seconds of the whole machine so far. */
function machineCpu(): { busy: number; stolen: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) / TICKS;
  return { busy: total - (ticks[3] + ticks[4]) / TICKS, stolen: ticks[7] / TICKS, total };
}

export interface ProcessUsage {
  pid: number;
  firstMb: number;
  peakMb: number;
  /** Share of one core used between start and stop. */
  cpuPercent: number;
}

export interface CpuBudget {
  cores: number;
  /** Shares of all the machine's cores between start and stop: everything, and this benchmark's processes. */
  machinePercent: number;
  benchmarkPercent: number;
  /** Share stolen by the host of a virtual machine, counted in `machinePercent`: figures from runs with much of it are not comparable. */
  stolenPercent: number;
}

/** Samples the VmRSS of each pid every second (the first value and the peak), the CPU each used meanwhile, and the machine's. */
export function sampleProcesses(pids: readonly number[]): { stop(): { usage: ProcessUsage[]; budget: CpuBudget } } {
  const started = performance.now();
  const [machineAtStart, benchmarkAtStart] = [machineCpu(), benchmarkCpu()];
  const samples = pids.map((pid) => ({ pid, firstMb: residentMb(pid) ?? Number.NaN, peakMb: residentMb(pid) ?? Number.NaN, cpuAtStart: stat(pid)?.cpu ?? Number.NaN }));
  const timer = setInterval(() => {
    for (const sample of samples) sample.peakMb = Math.max(sample.peakMb, residentMb(sample.pid) ?? 0);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      const cores = cpus().length;
      const machine = machineCpu();
      const benchmark = [...benchmarkCpu()].reduce((sum, [pid, cpu]) => sum + cpu - (benchmarkAtStart.get(pid) ?? 0), 0);
      return {
        usage: samples.map(({ pid, firstMb, peakMb, cpuAtStart }) => ({ pid, firstMb, peakMb, cpuPercent: (((stat(pid)?.cpu ?? Number.NaN) - cpuAtStart) / seconds) * 100 })),
        budget: {
          cores,
          machinePercent: ((machine.busy - machineAtStart.busy) / (machine.total - machineAtStart.total)) * 100,
          benchmarkPercent: (benchmark / seconds / cores) * 100,
          stolenPercent: ((machine.stolen - machineAtStart.stolen) / (machine.total - machineAtStart.total)) * 100,
        },
      };
    },
  };
}
