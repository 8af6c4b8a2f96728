import { type Figure, ms, NOT_AVAILABLE } from './read-report';
import { type ApiClient, getJson, type Latency, measureLatency } from './read-latency';

export interface QueryPlan {
  workspaceId: string;
  actor: { id: string; name: string };
  record: { type: string; id: string };
  /** The range of every filter line, e.g. "all"; the API's default when absent. */
  filterRange?: string;
  warmUp: number;
  samples: number;
  /** How deep the deep page starts (rows). */
  depth: number;
}

const TARGETS = { firstPage: 25, stats: 50, deepRatio: 2 };

/** `GET …/activity` first-page latency for each filter, the deep page, stats, facets and a record timeline. */
export async function measureQueries(client: ApiClient, plan: QueryPlan, progress: (line: string) => void): Promise<Figure[]> {
  const ws = `/api/workspaces/${plan.workspaceId}`;
  const feed = (query: string) => `${ws}/activity?scope=workspace${query ? `&${query}` : ''}`;
  const filtered = (query: string) => feed(plan.filterRange ? `${query}&range=${plan.filterRange}` : query);
  const q = (search: string) => `q=${encodeURIComponent(search)}`;
  const lines: Array<[name: string, path: string]> = [
    ['feed, no filter (API default 7d)', feed('')],
    ...['24h', '7d', '30d', '90d', 'all'].map((range): [string, string] => [`feed range=${range}`, feed(`range=${range}`)]),
    ['feed category=Auth', filtered('category=Auth')],
    ['feed actor=<busiest member>', filtered(`actor=${encodeURIComponent(plan.actor.id)}`)],
    ['feed type=TicketAssigned', filtered('type=TicketAssigned')],
    ['feed recordType+recordId', filtered(`recordType=${plan.record.type}&recordId=${encodeURIComponent(plan.record.id)}`)],
    ['feed result=failure', filtered('result=failure')],
    ['feed q=assigned (free text)', filtered(q('assigned'))],
    ['feed q=actor:<id> -result:success', filtered(q(`actor:${plan.actor.id} -result:success`))],
  ];
  const figures: Figure[] = [];
  const latencies = new Map<string, Latency>();
  for (const [name, path] of lines) {
    progress(name);
    const latency = await measureLatency(client, path, plan);
    latencies.set(path, latency);
    figures.push(latencyFigure(name, path, latency, TARGETS.firstPage));
  }
  progress(`page ${plan.depth.toLocaleString('en-US')} rows deep`);
  figures.push(await deepPage(client, feed('range=all'), latencies.get(feed('range=all')), plan));
  progress('stats');
  figures.push(latencyFigure('stats range=90d', `${ws}/stats?range=90d`, await measureLatency(client, `${ws}/stats?range=90d`, plan), TARGETS.stats));
  progress('facets and timeline');
  const facets = `${ws}/activity/facets?scope=workspace`;
  figures.push(latencyFigure('facets (extra)', facets, await measureLatency(client, facets, plan)));
  const timeline = `${ws}/records/${plan.record.type}/${encodeURIComponent(plan.record.id)}/timeline`;
  figures.push(latencyFigure('record timeline (extra)', timeline, await measureLatency(client, timeline, plan)));
  return figures;
}

function latencyFigure(name: string, path: string, latency: Latency, targetMs?: number): Figure {
  const target = targetMs === undefined ? '' : `p95 <= ${targetMs} ms`;
  if (latency.status !== 200) {
    if (latency.status !== 404) throw new Error(`GET ${path} answered ${latency.status}`);
    return { name, value: NOT_AVAILABLE, target, data: { path, status: 404 } };
  }
  return {
    name,
    value: `${ms(latency.p50)} / ${ms(latency.p95)}`,
    target,
    pass: targetMs === undefined ? undefined : latency.p95 <= targetMs,
    data: { path, ...latency },
  };
}

/**
 * Walks the cursor with the largest page the API allows down to `depth` rows,
 * then times the page that starts there against the first page of the same query.
 */
async function deepPage(client: ApiClient, path: string, first: Latency | undefined, plan: QueryPlan): Promise<Figure> {
  const name = `page ${plan.depth.toLocaleString('en-US')} rows deep`;
  const target = `p95 <= ${TARGETS.deepRatio}x first page`;
  let cursor: string | undefined;
  for (let skipped = 0; skipped < plan.depth; skipped += 100) {
    const { status, body } = await getJson(client, `${path}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (status !== 200) throw new Error(`Walking the feed's cursor answered ${status}`);
    cursor = (body as { nextCursor: string | null }).nextCursor ?? undefined;
    if (!cursor) return { name, value: NOT_AVAILABLE, target, data: { reason: `the feed ends after ${skipped + 100} rows` } };
  }
  const deep = await measureLatency(client, `${path}&cursor=${encodeURIComponent(cursor ?? '')}`, plan);
  if (deep.status !== 200 || !first || first.status !== 200) throw new Error(`The deep page answered ${deep.status}`);
  const ratio = deep.p95 / first.p95;
  return {
    name,
    value: `${ms(deep.p95)} (${ratio.toFixed(2)}x)`,
    target,
    pass: ratio <= TARGETS.deepRatio,
    data: { depth: plan.depth, ...deep, firstPageP95: first.p95, ratio },
  };
}
