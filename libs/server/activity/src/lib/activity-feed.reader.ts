import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Category, CATEGORIES } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import { inlineParameters } from './activity-csv-copy';
import { csvSlices } from './activity-csv-slices';
import { encodeActivityCursor } from './activity-cursor';
import { type ActivityAudience, activityConditions, type FilterOptions } from './activity-filter.sql';
import { type ActivityItem, CURRENT_LABEL_COLUMNS, CURRENT_LABEL_JOIN, FEED_COLUMNS, FEED_ORDER, type FeedRow, toActivityItem } from './activity-item';
import type { ActivityFilter, ActivityPaging } from './activity-query.schema';
import { countActivity } from './activity-total.counter';
import { RecordLabelCache } from './record-label-cache';
import type { ExportChunk } from './export-writer';

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
export const EXPORT_BATCH_SIZE = 500;

/** Pages of the `activity_feed` read model, newest first, with a keyset cursor over (occurred_at, position). */
@Injectable()
export class ActivityFeedReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async page(audience: ActivityAudience, filter: ActivityFilter, { limit, cursor }: ActivityPaging): Promise<ActivityPage> {
    const [total, rows] = await Promise.all([countActivity(this.pool, audience, filter), this.rows(audience, filter, limit + 1, { after: cursor })]);
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

  /**
   * Every matching item, newest first, one keyset batch at a time, the next
   * batch read while the caller handles this one. Memory stays flat whatever
   * the size: at most two batches are held.
   */
  async *all(audience: ActivityAudience, filter: ActivityFilter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<ActivityItem[]> {
    const asOf = new Date();
    const labels = new RecordLabelCache(this.pool, audience.workspaceId);
    const read = (after?: FeedRow) => {
      const reading = this.exportRows(audience, filter, batchSize, { asOf, after: after && { occurredAt: after.occurred_key, position: after.position } }).then((rows) => labels.fill(rows));
      // Awaited only once the caller wants the batch, or never if it stops early: a failure meanwhile is not unhandled.
      reading.catch(() => undefined);
      return reading;
    };
    for (let next: Promise<FeedRow[]> | undefined = read(); next; ) {
      const rows: FeedRow[] = await next;
      next = rows.length === batchSize ? read(rows.at(-1)) : undefined;
      if (rows.length > 0) yield rows.map(toActivityItem);
    }
  }

  /**
   * Every matching item as CSV rows (no header), newest first, in chunks of
   * CRLF-terminated rows. Postgres builds and quotes the cells (COPY), slice
   * by slice of time on two connections sharing one snapshot (`csvSlices`);
   * Node only passes the bytes on. A consumer that stops early discards the
   * connections, still in the middle of a COPY.
   */
  async *csv(audience: ActivityAudience, filter: ActivityFilter): AsyncGenerator<ExportChunk> {
    const conditions = activityConditions(audience, filter);
    yield* csvSlices(this.pool, inlineParameters(conditions.where(), conditions.params));
  }

  private async rows(audience: ActivityAudience, filter: ActivityFilter, limit: number, options: FilterOptions): Promise<FeedRow[]> {
    const conditions = activityConditions(audience, filter, options);
    const text = `SELECT f.*, ${CURRENT_LABEL_COLUMNS}
       FROM (SELECT ${FEED_COLUMNS} FROM activity_feed WHERE ${conditions.where()} ORDER BY ${FEED_ORDER} LIMIT ${limit}) f
       ${CURRENT_LABEL_JOIN}
       ORDER BY f.occurred_at DESC, f.position DESC`;
    const { rows } = await this.pool.query<FeedRow>({ text, values: conditions.params });
    return rows;
  }

  /** Rows without their current labels (the export adds them from a cache); a named statement, so each connection plans a long run of batches once. */
  private async exportRows(audience: ActivityAudience, filter: ActivityFilter, limit: number, options: FilterOptions): Promise<FeedRow[]> {
    const conditions = activityConditions(audience, filter, options);
    const text = `SELECT ${FEED_COLUMNS} FROM activity_feed WHERE ${conditions.where()} ORDER BY ${FEED_ORDER} LIMIT ${limit}`;
    const name = `activity-export-${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    const { rows } = await this.pool.query<FeedRow>({ name, text, values: conditions.params });
    return rows;
  }
}
