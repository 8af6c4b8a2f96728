import { encodeActivityCursor, FEED_COLUMNS, FEED_ORDER, type FeedRow, percentChange, statsWindow, toActivityItem } from '@trailmark/activity';
import type { ActivityItem } from '@trailmark/contracts';
import type { RequestContext } from '@trailmark/command-handling';
import type { AuditTrail } from '../audit-trail';
import type { Queryable } from '../store/stored-events.sql';
import type { PastFeedQuery, PastKpisQuery } from './point-in-time-query.schema';

export interface PastFeedPage {
  at: string;
  items: ActivityItem[];
  nextCursor: string | null;
  /** Rows the feed held at `at`. */
  total: number;
}

export interface PastKpis {
  at: string;
  window: { from: string; to: string; previousFrom: string };
  kpis: {
    total: { value: number; previous: number; changePercent: number | null };
    signIns: number;
    writes: number;
    reads: number;
    uniqueIps: number;
  };
}

/**
 * The feed and the KPI cards as they stood at a time: the activity_feed rows
 * recorded by then. The stats read model keeps running counts only, so the
 * cards are counted from the feed, with the stats endpoint's windows; rows
 * retention has deleted since are missing from both.
 */
export class PastViewsService {
  constructor(
    private readonly db: Queryable,
    private readonly trail: AuditTrail,
  ) {}

  async feed({ at, limit, cursor }: PastFeedQuery, context: RequestContext): Promise<PastFeedPage> {
    const { workspaceId } = context;
    const params: unknown[] = [workspaceId, at.toISOString()];
    const after = cursor ? `AND (occurred_at, position) < ($${params.push(cursor.occurredAt)}::timestamptz, $${params.push(cursor.position)})` : '';
    const [{ rows }, count] = await Promise.all([
      this.db.query<FeedRow>(
        `SELECT ${FEED_COLUMNS} FROM activity_feed WHERE workspace_id = $1 AND recorded_at <= $2::timestamptz ${after} ORDER BY ${FEED_ORDER} LIMIT ${limit + 1}`,
        params,
      ),
      this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = $1 AND recorded_at <= $2::timestamptz', [workspaceId, at.toISOString()]),
    ]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    await this.trail.record({ type: 'RecordPointInTimeView', data: { view: 'feed', at: at.toISOString() } }, context);
    return {
      at: at.toISOString(),
      items: items.map(toActivityItem),
      nextCursor: rows.length > limit && last ? encodeActivityCursor({ occurredAt: last.occurred_key, position: last.position }) : null,
      total: count.rows[0].n,
    };
  }

  async kpis({ at, range }: PastKpisQuery, context: RequestContext): Promise<PastKpis> {
    const result = statsWindow({ range }, undefined, at);
    if (!result.ok) throw new Error(result.message);
    const { from, to, previousFrom } = result.window;
    const { rows } = await this.db.query<{ total: number; previous: number; auth: number; writes: number; ips: number }>(
      `SELECT count(*) FILTER (WHERE occurred_at >= $3)::int AS total,
              count(*) FILTER (WHERE occurred_at < $3)::int AS previous,
              count(*) FILTER (WHERE occurred_at >= $3 AND kind = 'auth')::int AS auth,
              count(*) FILTER (WHERE occurred_at >= $3 AND kind = 'write')::int AS writes,
              count(DISTINCT ip) FILTER (WHERE occurred_at >= $3)::int AS ips
       FROM activity_feed
       WHERE workspace_id = $1 AND recorded_at <= $2::timestamptz AND occurred_at >= $4::timestamptz AND occurred_at < $5::timestamptz`,
      [context.workspaceId, at.toISOString(), from.toISOString(), previousFrom.toISOString(), to.toISOString()],
    );
    const { total, previous, auth, writes, ips } = rows[0];
    await this.trail.record({ type: 'RecordPointInTimeView', data: { view: 'kpis', at: at.toISOString() } }, context);
    return {
      at: at.toISOString(),
      window: { from: from.toISOString(), to: to.toISOString(), previousFrom: previousFrom.toISOString() },
      kpis: { total: { value: total, previous, changePercent: percentChange(total, previous) }, signIns: auth, writes, reads: total - auth - writes, uniqueIps: ips },
    };
  }
}
