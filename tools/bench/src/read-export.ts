import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import type { ApiClient } from './read-latency';
import { type Figure, NOT_AVAILABLE, perSecond } from './read-report';

const TARGETS = { rowsPerSecond: 100_000, rssGrowthMb: 100 };
const SAMPLE_MS = 50;
const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/**
 * Downloads `export.csv?range=all&scope=workspace` of each workspace in turn
 * (together, every row of the seeded feed), counting rows as they stream in,
 * while sampling the API process's resident memory from /proc. Each
 * download must hold as many rows as `feedRows` counted for its workspace
 * before the first began.
 */
export async function measureExport(
  client: ApiClient,
  workspaceIds: readonly string[],
  apiPid: number | undefined,
  feedRows: (workspaceId: string) => Promise<number>,
): Promise<Figure[]> {
  // Counted before the clock starts; an export's own event lands in its workspace only after it.
  const expected = new Map<string, number>();
  for (const workspaceId of workspaceIds) expected.set(workspaceId, await feedRows(workspaceId));
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
      const response = await download(`${client.url}/api/workspaces/${workspaceId}/activity/export.csv?range=all&scope=workspace`, client.token);
      if (response.statusCode === 404) {
        response.resume();
        return notAvailable();
      }
      if (response.statusCode !== 200) throw new Error(`The CSV export answered ${response.statusCode}`);
      const counted = await countRowEnds(response);
      if (counted.rows - 1 !== expected.get(workspaceId)) throw new Error(`The CSV export of ${workspaceId} held ${counted.rows - 1} rows; its feed has ${expected.get(workspaceId)}`);
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

/**
 * A GET read as Node buffers. Not `fetch`: its web streams cost the bench's
 * process several CPU-seconds per million rows, taken from the two cores the
 * API and Postgres are being measured on.
 */
function download(url: string, token: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject);
  });
}

/**
 * CRLF pairs in a stream: the rows of an RFC 4180 export (header included)
 * whose cells hold no CRLF of their own, which `measureExport` checks by
 * comparing with the feed's count. A search for the pair is what keeps the
 * counting cheap next to the server it measures: tracking quotes, as a
 * general reader must, took a second of the two cores per million rows.
 */
export async function countRowEnds(body: AsyncIterable<Buffer>): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  let endsInCr = false;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (endsInCr && chunk[0] === LF) rows += 1;
    for (let at = chunk.indexOf(CRLF); at >= 0; at = chunk.indexOf(CRLF, at + 2)) rows += 1;
    endsInCr = chunk[chunk.length - 1] === CR;
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
