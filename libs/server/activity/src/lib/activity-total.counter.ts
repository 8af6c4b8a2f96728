import type { Category } from '@trailmark/contracts';
import type { Pool } from 'pg';
import { type ActivityAudience, activityConditions, type TimeWindow, timeWindow } from './activity-filter.sql';
import type { ActivityFilter } from './activity-query.schema';
import { SqlConditions } from './sql-conditions';

/** Checkpoint names of the activity-feed and stats projections (@trailmark/projections; not imported, to keep this a reader of tables). */
const FEED_PROJECTION = 'activity-feed';
const STATS_PROJECTION = 'stats';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Up to this long, counting the feed costs no more than its partial edge hours and the check of the first bucketed hour. */
const FEED_COUNT_MAX_MS = 3 * HOUR_MS;

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

/** What one statement reads: both checkpoints, whether the buckets may be used, and their total with the edges. */
interface BucketRead {
  feed: string | null;
  stats: string | null;
  held: boolean;
  stats_first: string;
  feed_first: string;
  total: number;
}

/**
 * The exact number of feed items a filter matches. A count over the feed
 * grows with the window, so where the stats can answer, whole hours and days
 * come from their buckets and only the partial hours at the ends are counted
 * in the feed, all in one statement, so in one snapshot, in which each
 * projection's rows match its checkpoint:
 * - stats behind the feed: the feed's rows between the two checkpoints are
 *   added; they are committed and never change, so a second statement counts
 *   the same rows the first one saw;
 * - stats ahead, a checkpoint missing, or a retention hold on the workspace: the feed is counted.
 * Retention removes a workspace's oldest feed rows but not their buckets, so
 * the first hour with events in the span must hold as many feed rows as its
 * bucket says; else the feed is counted.
 */
export async function countActivity(pool: Pool, audience: ActivityAudience, filter: ActivityFilter): Promise<number> {
  const plan = totalPlan(audience, filter, new Date());
  // The database clock, as the page's rows use: a fixed "now" would steer the planner to scanning whole months.
  const feedCount = () => countRows(pool, activityConditions(audience, filter));
  if (!plan) return feedCount();
  const read = await readBuckets(pool, plan, audience, filter);
  const { feed, stats } = read;
  if (feed === null || stats === null || stats > feed || read.held || read.stats_first !== read.feed_first) return feedCount();
  if (stats === feed) return read.total;
  const lagging = activityConditions(audience, filter, { within: plan.span });
  lagging.add((after, upTo) => `position > ${after} AND position <= ${upTo}`, stats, feed);
  return read.total + (await countRows(pool, lagging));
}

async function countRows(pool: Pool, conditions: SqlConditions): Promise<number> {
  const { rows } = await pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM activity_feed WHERE ${conditions.where()}`, conditions.params);
  return rows[0].total;
}

/** Checkpoints, hold, the first bucketed hour of the span as the stats and the feed count it, and the whole buckets plus the edges from the feed. */
async function readBuckets(pool: Pool, plan: TotalPlan, audience: ActivityAudience, filter: ActivityFilter): Promise<BucketRead> {
  const sql = new SqlConditions();
  /** The conditions added by `build`, taken out of the shared list; their parameters keep their numbers. */
  const taken = (build: () => void) => {
    const start = sql.sql.length;
    build();
    return sql.sql.splice(start).join(' AND ');
  };
  const table = plan.actorId === undefined ? 'stats_workspace_buckets' : 'stats_actor_category_buckets';
  const parts = [`(SELECT coalesce(sum(events), 0) FROM ${table} WHERE ${taken(() => bucketConditions(sql, plan))})`];
  for (const edge of plan.edges) {
    parts.push(`(SELECT count(*) FROM activity_feed WHERE ${taken(() => activityConditions(audience, filter, { within: edge, into: sql }))})`);
  }
  const [ws, feedName, statsName, spanFrom] = [plan.workspaceId, FEED_PROJECTION, STATS_PROJECTION, plan.span.from?.toISOString() ?? '-infinity'].map((value) =>
    sql.fragment((placeholder) => placeholder, value),
  );
  const { rows } = await pool.query<BucketRead>(
    `WITH cp AS (
       SELECT (SELECT position FROM projection_checkpoints WHERE projection = ${feedName}) AS feed,
              (SELECT position FROM projection_checkpoints WHERE projection = ${statsName}) AS stats),
     first_hour AS (
       SELECT bucket, sum(events) AS events FROM stats_workspace_buckets
       WHERE workspace_id = ${ws} AND grain = 'hour' AND bucket = (
         SELECT min(bucket) FROM stats_workspace_buckets WHERE workspace_id = ${ws} AND grain = 'hour' AND bucket >= ${spanFrom}::timestamptz)
       GROUP BY bucket)
     SELECT cp.feed, cp.stats,
       EXISTS (SELECT 1 FROM retention_holds WHERE workspace_id = ${ws}) AS held,
       coalesce((SELECT events FROM first_hour), 0)::text AS stats_first,
       (SELECT count(*) FROM activity_feed f, first_hour h
        WHERE f.workspace_id = ${ws} AND f.occurred_at >= h.bucket AND f.occurred_at < h.bucket + interval '1 hour' AND f.position <= cp.stats)::text AS feed_first,
       (${parts.join(' + ')})::int AS total
     FROM cp`,
    sql.params,
  );
  return rows[0];
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
