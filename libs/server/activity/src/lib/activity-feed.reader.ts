import { Inject, Injectable } from '@nestjs/common';
import { type Category, CATEGORIES } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import { encodeActivityCursor } from './activity-cursor';
import { type ActivityAudience, activityConditions, type FilterOptions } from './activity-filter.sql';
import { type ActivityItem, CURRENT_LABEL_COLUMNS, CURRENT_LABEL_JOIN, FEED_COLUMNS, FEED_ORDER, type FeedRow, toActivityItem } from './activity-item';
import type { ActivityFilter, ActivityPaging } from './activity-query.schema';

export interface ActivityPage {
  items: ActivityItem[];
  nextCursor: string | null;
  total: number;
}

/** How many items each category would show under the current filters; `total` is their sum. */
export interface ActivityFacets {
  categories: Partial<Record<Category, number>>;
  total: number;
}

/** Rows per query when a whole result is streamed out. */
export const EXPORT_BATCH_SIZE = 5_000;

/** Pages of the `activity_feed` read model, newest first, with a keyset cursor over (occurred_at, position). */
@Injectable()
export class ActivityFeedReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async page(audience: ActivityAudience, filter: ActivityFilter, { limit, cursor }: ActivityPaging): Promise<ActivityPage> {
    const [total, rows] = await Promise.all([this.count(audience, filter), this.rows(audience, filter, limit + 1, { after: cursor })]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const more = rows.length > limit && last !== undefined;
    return {
      items: items.map(toActivityItem),
      nextCursor: more ? encodeActivityCursor({ occurredAt: last.occurred_key, position: last.position }) : null,
      total,
    };
  }

  async facets(audience: ActivityAudience, filter: ActivityFilter): Promise<ActivityFacets> {
    const conditions = activityConditions(audience, filter, { ignoreCategory: true });
    const { rows } = await this.pool.query<{ category: Category; n: number }>(
      `SELECT category, count(*)::int AS n FROM activity_feed WHERE ${conditions.where()} GROUP BY category`,
      conditions.params,
    );
    const counted = new Map(rows.map(({ category, n }) => [category, n]));
    const shown = audience.categories ?? CATEGORIES;
    return {
      categories: Object.fromEntries(shown.map((category) => [category, counted.get(category) ?? 0])),
      total: rows.reduce((sum, { n }) => sum + n, 0),
    };
  }

  /** Every matching item, newest first, one keyset batch at a time: memory stays flat whatever the size. */
  async *all(audience: ActivityAudience, filter: ActivityFilter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ActivityItem[]> {
    const asOf = new Date().toISOString();
    let after: FeedRow | undefined;
    do {
      const rows = await this.rows(audience, filter, batchSize, { asOf, after: after && { occurredAt: after.occurred_key, position: after.position } });
      if (rows.length > 0) yield rows.map(toActivityItem);
      after = rows.length === batchSize ? rows.at(-1) : undefined;
    } while (after);
  }

  private async count(audience: ActivityAudience, filter: ActivityFilter): Promise<number> {
    const conditions = activityConditions(audience, filter);
    const { rows } = await this.pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM activity_feed WHERE ${conditions.where()}`, conditions.params);
    return rows[0].total;
  }

  private async rows(audience: ActivityAudience, filter: ActivityFilter, limit: number, options: FilterOptions): Promise<FeedRow[]> {
    const conditions = activityConditions(audience, filter, options);
    const { rows } = await this.pool.query<FeedRow>(
      `SELECT f.*, ${CURRENT_LABEL_COLUMNS}
       FROM (SELECT ${FEED_COLUMNS} FROM activity_feed WHERE ${conditions.where()} ORDER BY ${FEED_ORDER} LIMIT ${limit}) f
       ${CURRENT_LABEL_JOIN}
       ORDER BY f.occurred_at DESC, f.position DESC`,
      conditions.params,
    );
    return rows;
  }
}
