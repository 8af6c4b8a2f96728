import type { Category } from '@trailmark/contracts';
import type { Pool, PoolClient } from 'pg';
import { type ActivityAudience, activityConditions, type TimeWindow, timeWindow } from './activity-filter.sql';
import type { ActivityFilter } from './activity-query.schema';
import { SqlConditions } from './sql-conditions';

/** Checkpoint names of the activity-feed and stats projections (@trailmark/projections; not imported, to keep this a reader of tables). */
const FEED_PROJECTION = 'activity-feed';
const STATS_PROJECTION = 'stats';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Up to this long, counting the feed costs less than the transaction that reads the buckets. */
const FEED_COUNT_MAX_MS = 8 * DAY_MS;

/** A run of whole stats buckets of one grain; an absent end is open. */
export interface BucketSegment {
  grain: 'hour' | 'day';
  from?: Date;
  to?: Date;
}

/** How a total splits: whole buckets read from the stats tables, and the partial hours at the ends counted in the feed. */
export interface TotalPlan {
  workspaceId: string;
  actorId?: string;
  categories?: readonly string[];
  /** Whole hours the buckets answer for. */
  span: TimeWindow;
  segments: BucketSegment[];
  /** The parts of the window outside the span. */
  edges: TimeWindow[];
}

const ceilTo = (at: Date, unit: number) => new Date(Math.ceil(at.getTime() / unit) * unit);
const floorTo = (at: Date, unit: number) => new Date(Math.floor(at.getTime() / unit) * unit);

/**
 * The bucket plan of a total, or undefined when the stats cannot answer it
 * or the window is short enough to count in the feed: they count by
 * workspace, actor, category and occurrence hour or day only, so a type,
 * record, result or search filter needs the feed itself. Whole
 * days inside the window are read by the day, the whole hours around them by
 * the hour.
 */
export function totalPlan(audience: ActivityAudience, filter: ActivityFilter, now: Date): TotalPlan | undefined {
  const { type, recordType, recordId, result, q } = filter;
  if ([type, recordType, recordId, result, q].some((value) => value !== undefined)) return undefined;
  const actors = [audience.actorId, filter.actor].filter((actor): actor is string => actor !== undefined);
  if (new Set(actors).size > 1) return undefined;
  const categories = [audience.categories, filter.category && [filter.category]].filter((list): list is readonly Category[] => list !== undefined);
  const shown = categories.reduce<readonly Category[] | undefined>((all, list) => (all ? all.filter((category) => list.includes(category)) : list), undefined);

  const window = timeWindow(filter, now);
  if (window.from && (window.to ?? now).getTime() - window.from.getTime() <= FEED_COUNT_MAX_MS) return undefined;
  const span: TimeWindow = { from: window.from && ceilTo(window.from, HOUR_MS), to: window.to && floorTo(window.to, HOUR_MS) };
  if (span.from && span.to && span.from >= span.to) return undefined;
  const days: TimeWindow = { from: span.from && ceilTo(span.from, DAY_MS), to: span.to && floorTo(span.to, DAY_MS) };
  const segments: BucketSegment[] =
    days.from && days.to && days.from >= days.to
      ? [{ grain: 'hour', ...span }]
      : [
          ...(span.from && days.from && span.from < days.from ? [{ grain: 'hour' as const, from: span.from, to: days.from }] : []),
          { grain: 'day', ...days },
          ...(span.to && days.to && days.to < span.to ? [{ grain: 'hour' as const, from: days.to, to: span.to }] : []),
        ];
  const edges = [
    ...(window.from && span.from && window.from < span.from ? [{ from: window.from, to: span.from }] : []),
    ...(window.to && span.to && span.to < window.to ? [{ from: span.to, to: window.to }] : []),
  ];
  return { workspaceId: audience.workspaceId, actorId: actors[0], categories: shown, span, segments, edges };
}

interface Checkpoints {
  feed: string | null;
  stats: string | null;
  held: boolean;
  stats_first: string;
  feed_first: string;
}

/**
 * The exact number of feed items a filter matches. A count over the feed
 * grows with the window, so where the stats can answer, whole hours and days
 * come from their buckets and only the partial hours at the ends are counted
 * in the feed — all in one snapshot, in which each projection's rows match
 * its checkpoint:
 * - stats behind the feed: the feed's rows past the stats checkpoint are added;
 * - stats ahead, a checkpoint missing, or a retention hold on the workspace: the feed is counted.
 * Retention removes a workspace's oldest feed rows but not their buckets, so
 * the first hour with events in the span must hold as many feed rows as its
 * bucket says; else the feed is counted.
 */
export async function countActivity(pool: Pool, audience: ActivityAudience, filter: ActivityFilter): Promise<number> {
  const plan = totalPlan(audience, filter, new Date());
  // The database clock, as the page's rows use: a fixed "now" would steer the planner to scanning whole months.
  const conditions = activityConditions(audience, filter);
  const feedCount = (client: Pool | PoolClient) => countRows(client, conditions);
  if (!plan) return feedCount(pool);
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const checked = await checkpoints(client, plan);
    const total = checked.feed !== null && checked.stats !== null && checked.stats <= checked.feed && !checked.held && checked.stats_first === checked.feed_first
      ? await fromBuckets(client, plan, audience, filter, checked.stats < checked.feed ? checked.stats : undefined)
      : await feedCount(client);
    await client.query('COMMIT');
    return total;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function countRows(client: Pool | PoolClient, conditions: SqlConditions): Promise<number> {
  const { rows } = await client.query<{ total: number }>(`SELECT count(*)::int AS total FROM activity_feed WHERE ${conditions.where()}`, conditions.params);
  return rows[0].total;
}

/** Both checkpoints, whether a hold exists, and the first bucketed hour of the span as the stats and the feed count it. */
async function checkpoints(client: PoolClient, { workspaceId, span }: TotalPlan): Promise<Checkpoints> {
  const { rows } = await client.query<Checkpoints>(
    `WITH cp AS (
       SELECT (SELECT position FROM projection_checkpoints WHERE projection = $2) AS feed,
              (SELECT position FROM projection_checkpoints WHERE projection = $3) AS stats),
     first_hour AS (
       SELECT bucket, sum(events) AS events FROM stats_workspace_buckets
       WHERE workspace_id = $1 AND grain = 'hour' AND bucket = (
         SELECT min(bucket) FROM stats_workspace_buckets WHERE workspace_id = $1 AND grain = 'hour' AND bucket >= $4::timestamptz)
       GROUP BY bucket)
     SELECT cp.feed, cp.stats,
       EXISTS (SELECT 1 FROM retention_holds WHERE workspace_id = $1) AS held,
       coalesce((SELECT events FROM first_hour), 0)::text AS stats_first,
       (SELECT count(*) FROM activity_feed f, first_hour h
        WHERE f.workspace_id = $1 AND f.occurred_at >= h.bucket AND f.occurred_at < h.bucket + interval '1 hour' AND f.position <= cp.stats)::text AS feed_first
     FROM cp`,
    [workspaceId, FEED_PROJECTION, STATS_PROJECTION, span.from?.toISOString() ?? '-infinity'],
  );
  return rows[0];
}

/** Whole buckets from the stats, the edges from the feed, plus the feed rows of the span the stats have not reached yet. */
async function fromBuckets(client: PoolClient, plan: TotalPlan, audience: ActivityAudience, filter: ActivityFilter, statsCheckpoint: string | undefined): Promise<number> {
  const sql = new SqlConditions();
  /** The conditions added by `build`, taken out of the shared list; their parameters keep their numbers. */
  const taken = (build: () => void) => {
    const start = sql.sql.length;
    build();
    return sql.sql.splice(start).join(' AND ');
  };
  const table = plan.actorId === undefined ? 'stats_workspace_buckets' : 'stats_actor_category_buckets';
  const parts = [`(SELECT coalesce(sum(events), 0) FROM ${table} WHERE ${taken(() => bucketConditions(sql, plan))})`];
  const feedRows = (within: TimeWindow, extra?: () => void) =>
    `(SELECT count(*) FROM activity_feed WHERE ${taken(() => {
      activityConditions(audience, filter, { within, into: sql });
      extra?.();
    })})`;
  for (const edge of plan.edges) parts.push(feedRows(edge));
  if (statsCheckpoint !== undefined) parts.push(feedRows(plan.span, () => sql.add((cp) => `position > ${cp}`, statsCheckpoint)));
  const { rows } = await client.query<{ total: number }>(`SELECT (${parts.join(' + ')})::int AS total`, sql.params);
  return rows[0].total;
}

function bucketConditions(sql: SqlConditions, { workspaceId, actorId, categories, segments }: TotalPlan): void {
  sql.add((ws) => `workspace_id = ${ws}`, workspaceId);
  if (actorId !== undefined) sql.add((actor) => `actor_id = ${actor}`, actorId);
  if (categories !== undefined) sql.add((list) => `category = ANY(${list}::text[])`, categories);
  const runs = segments.map(({ grain, from, to }) => {
    const bounds = [sql.fragment((g) => `grain = ${g}`, grain)];
    if (from) bounds.push(sql.fragment((at) => `bucket >= ${at}::timestamptz`, from.toISOString()));
    if (to) bounds.push(sql.fragment((at) => `bucket < ${at}::timestamptz`, to.toISOString()));
    return `(${bounds.join(' AND ')})`;
  });
  sql.sql.push(`(${runs.join(' OR ')})`);
}
