import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** One line of the results table. */
export interface Figure {
  name: string;
  /** The figure as shown, e.g. "12.3 ms"; "not available" when the endpoint is not there yet. */
  value: string;
  /** e.g. "p95 <= 25 ms"; empty for figures reported without a target. */
  target: string;
  /** undefined: nothing to judge (no target, or not available). */
  pass?: boolean;
  /** The measured numbers behind the line, for the JSON file. */
  data?: Record<string, unknown>;
}

export const NOT_AVAILABLE = 'not available';

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const perSecond = (value: number, unit: string) => `${Math.round(value).toLocaleString('en-US')} ${unit}/s`;

export function printTable(title: string, figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((figure) => figure.name.length), 20);
  console.log(`\n${title}`);
  for (const { name, value, target, pass } of figures) {
    const verdict = pass === undefined ? '' : pass ? 'PASS' : 'MISS';
    console.log(`  ${name.padEnd(width)}  ${value.padStart(24)}   ${target.padEnd(26)} ${verdict}`);
  }
}

/** Writes the run's figures to tmp/bench/read-<time>.json under the repository (git-ignored); returns the path. */
export async function writeResultFile(root: string, content: Record<string, unknown>): Promise<string> {
  const folder = resolve(root, 'tmp', 'bench');
  await mkdir(folder, { recursive: true });
  const path = join(folder, `read-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify(content, null, 2)}\n`);
  return path;
}
