import { readdirSync, readFileSync } from 'node:fs';
import type { ApiClient } from './read-latency';
import { type Figure, NOT_AVAILABLE, perSecond } from './read-report';

const TARGETS = { rowsPerSecond: 100_000, rssGrowthMb: 100 };
const SAMPLE_MS = 50;
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Downloads `export.csv?range=all&scope=workspace` of each workspace in turn
 * (together, every row of the seeded feed), counting rows as they stream in,
 * while sampling the API process's resident memory from /proc.
 */
export async function measureExport(client: ApiClient, workspaceIds: readonly string[], apiPid: number | undefined): Promise<Figure[]> {
  const rssBefore = apiPid === undefined ? undefined : residentMb(apiPid);
  let rssPeak = rssBefore ?? 0;
  const sampler = setInterval(() => {
    if (apiPid !== undefined) rssPeak = Math.max(rssPeak, residentMb(apiPid) ?? 0);
  }, SAMPLE_MS);
  let rows = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  try {
    for (const workspaceId of workspaceIds) {
      const response = await fetch(`${client.url}/api/workspaces/${workspaceId}/activity/export.csv?range=all&scope=workspace`, {
        headers: { authorization: `Bearer ${client.token}` },
      });
      if (response.status === 404) return notAvailable();
      if (response.status !== 200 || !response.body) throw new Error(`The CSV export answered ${response.status}`);
      const counted = await countCsvRows(response.body);
      rows += counted.rows - 1;
      bytes += counted.bytes;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = rows / seconds;
  const growth = rssBefore === undefined ? undefined : rssPeak - rssBefore;
  return [
    {
      name: `CSV export, ${rows.toLocaleString('en-US')} rows`,
      value: perSecond(rate, 'rows'),
      target: `>= ${perSecond(TARGETS.rowsPerSecond, 'rows')}`,
      pass: rate >= TARGETS.rowsPerSecond,
      data: { rows, bytes, seconds, rowsPerSecond: rate, workspaces: workspaceIds.length },
    },
    {
      name: 'CSV export, API RSS growth',
      value: growth === undefined ? 'no API pid' : `${growth.toFixed(1)} MB`,
      target: `<= ${TARGETS.rssGrowthMb} MB`,
      pass: growth === undefined ? undefined : growth <= TARGETS.rssGrowthMb,
      data: { rssBeforeMb: rssBefore, rssPeakMb: rssPeak, growthMb: growth },
    },
  ];
}

function notAvailable(): Figure[] {
  return [
    { name: 'CSV export', value: NOT_AVAILABLE, target: `>= ${perSecond(TARGETS.rowsPerSecond, 'rows')}` },
    { name: 'CSV export, API RSS growth', value: NOT_AVAILABLE, target: `<= ${TARGETS.rssGrowthMb} MB` },
  ];
}

/** Lines of an RFC 4180 stream, header included: a newline inside a quoted cell does not end a row. */
export async function countCsvRows(body: ReadableStream<Uint8Array>): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  let quoted = false;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === NEWLINE && !quoted) rows += 1;
    }
  }
  return { rows, bytes };
}

/** VmRSS of a process in MB, or undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The pid of this process's child whose command line contains `fragment` (api-server.ts does not hand it out). */
export function childPid(fragment: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(fragment)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}
