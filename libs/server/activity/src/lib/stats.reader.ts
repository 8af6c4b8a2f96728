import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import { SqlConditions } from './sql-conditions';
import type { StatsQuery } from './stats-query.schema';
import { type StatsFigures, type StatsReport, statsReport } from './stats-report';
import { type StatsExtent, type StatsWindow, statsWindow } from './stats-window';

/** Whose events: everyone's in the workspace, or one actor's. */
export interface StatsAudience {
  workspaceId: string;
  actorId?: string;
}

export type StatsAnswer = { ok: true; report: StatsReport } | { ok: false; message: string };

type Grain = StatsWindow['grain'];

const HOUR = 3_600_000;
/** Days since 1970-01-01, to place a stats_ip_days row's hour bits on the same clock as the window. */
const DAY_NUMBER = `(day - DATE '1970-01-01')`;

/**
 * KPIs from the stats read models only, never the feed: a window costs one
 * scan of its daily buckets (hourly when grouped by the hour), however many
 * events they count. "Mine" reads the per-actor tables, so every figure is as
 * exact for one person as for the workspace.
 */
@Injectable()
export class StatsReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async report(audience: StatsAudience, query: StatsQuery, now = new Date()): Promise<StatsAnswer> {
    const widget = query.variant === 'widget';
    const extent = 'range' in query.period && query.period.range === 'all' ? await this.extent(audience, widget) : undefined;
    const result = statsWindow(query.period, query.group, now, extent);
    if (!result.ok) return result;
    const { window } = result;
    const [counts, previousTotal, uniqueIps, topActors] = await Promise.all([
      this.counts(audience, widget, window),
      this.total(audience, widget, window.grain, window.previousFrom, window.from),
      this.uniqueIps(audience, widget, window),
      this.topActors(audience, widget, window),
    ]);
    return { ok: true, report: statsReport(window, { ...counts, previousTotal, uniqueIps, topActors }) };
  }

  private async extent(audience: StatsAudience, widget: boolean): Promise<StatsExtent | undefined> {
    const conditions = counted(audience, widget);
    conditions.add(() => `grain = 'hour'`);
    const { rows } = await this.pool.query<{ earliest: Date | null; latest: Date | null }>(
      `SELECT min(bucket) AS earliest, max(bucket) AS latest FROM ${countsTable(audience)} WHERE ${conditions.where()}`,
      conditions.params,
    );
    const { earliest, latest } = rows[0];
    return earliest && latest ? { earliest, latest } : undefined;
  }

  /** The series by period and kind, and the totals by category, in one scan (GROUPING SETS leaves the other set's columns null). */
  private async counts(audience: StatsAudience, widget: boolean, window: StatsWindow): Promise<Pick<StatsFigures, 'series' | 'categories'>> {
    const conditions = within(counted(audience, widget), window.grain, window.from, window.to);
    const period = conditions.fragment((group, from) => `greatest(date_trunc(${group}::text, bucket, 'UTC'), ${from}::timestamptz)`, window.group, window.from.toISOString());
    const { rows } = await this.pool.query<{ period: Date | null; kind: string | null; category: string | null; events: string }>(
      `SELECT period, kind, category, sum(events)::bigint AS events
       FROM (SELECT ${period} AS period, kind, category, events FROM ${countsTable(audience)} WHERE ${conditions.where()}) AS w
       GROUP BY GROUPING SETS ((period, kind), (category))`,
      conditions.params,
    );
    const series: StatsFigures['series'] = [];
    const categories: StatsFigures['categories'] = [];
    for (const { period, kind, category, events } of rows) {
      if (period !== null && kind !== null) series.push({ period, kind, events: Number(events) });
      if (category !== null) categories.push({ category, events: Number(events) });
    }
    return { series, categories };
  }

  private async total(audience: StatsAudience, widget: boolean, grain: Grain, from: Date, to: Date): Promise<number> {
    const conditions = within(counted(audience, widget), grain, from, to);
    const { rows } = await this.pool.query<{ events: string }>(
      `SELECT coalesce(sum(events), 0)::bigint AS events FROM ${countsTable(audience)} WHERE ${conditions.where()}`,
      conditions.params,
    );
    return Number(rows[0].events);
  }

  /** Addresses seen in the window: rows of the days it touches whose hour bits meet its hours of that day. */
  private async uniqueIps(audience: StatsAudience, widget: boolean, { from, to }: StatsWindow): Promise<number> {
    const conditions = scoped(audience);
    conditions.add((first, last) => `day BETWEEN ${first}::date AND ${last}::date`, utcDay(from), utcDay(new Date(to.getTime() - 1)));
    const hours = widget ? 'non_account_hours' : 'hours';
    conditions.add(
      (start, end) => `${hours} & ((1 << least(24, ${end}::int - ${DAY_NUMBER} * 24)) - (1 << greatest(0, ${start}::int - ${DAY_NUMBER} * 24))) <> 0`,
      from.getTime() / HOUR,
      to.getTime() / HOUR,
    );
    const { rows } = await this.pool.query<{ n: number }>(`SELECT count(DISTINCT ip)::int AS n FROM stats_ip_days WHERE ${conditions.where()}`, conditions.params);
    return rows[0].n;
  }

  /** The four most active actors, then their name as of their last event in the window. */
  private async topActors(audience: StatsAudience, widget: boolean, window: StatsWindow): Promise<StatsFigures['topActors']> {
    const conditions = within(counted(audience, widget), window.grain, window.from, window.to);
    const last = conditions.fragment(
      (ws, grain) => `h.workspace_id = ${ws} AND h.actor_id = top.actor_id AND h.grain = ${grain} AND h.bucket = date_trunc(${grain}, top.last_seen, 'UTC')`,
      audience.workspaceId,
      window.grain,
    );
    const { rows } = await this.pool.query<{ actor_id: string; events: string; last_seen: Date; actor_name: string | null }>(
      `WITH top AS (
         SELECT actor_id, sum(events)::bigint AS events, max(last_seen) AS last_seen FROM stats_actor_buckets WHERE ${conditions.where()}
         GROUP BY actor_id ORDER BY events DESC, last_seen DESC, actor_id LIMIT 4
       )
       SELECT top.*, (SELECT h.actor_name FROM stats_actor_buckets h WHERE ${last} AND h.last_seen = top.last_seen LIMIT 1) AS actor_name
       FROM top ORDER BY events DESC, last_seen DESC, actor_id`,
      conditions.params,
    );
    return rows.map((row) => ({ actorId: row.actor_id, name: row.actor_name ?? row.actor_id, events: Number(row.events), lastSeen: row.last_seen }));
  }
}

const countsTable = ({ actorId }: StatsAudience) => (actorId === undefined ? 'stats_workspace_buckets' : 'stats_actor_category_buckets');

const utcDay = (time: Date) => time.toISOString().slice(0, 10);

function scoped({ workspaceId, actorId }: StatsAudience): SqlConditions {
  const conditions = new SqlConditions();
  conditions.add((ws) => `workspace_id = ${ws}`, workspaceId);
  if (actorId !== undefined) conditions.add((id) => `actor_id = ${id}`, actorId);
  return conditions;
}

/** The audience's counted rows; the widget leaves out sign-in, session and user-account events. */
function counted(audience: StatsAudience, widget: boolean): SqlConditions {
  const conditions = scoped(audience);
  if (widget) conditions.add(() => 'NOT account');
  return conditions;
}

function within(conditions: SqlConditions, grain: Grain, from: Date, to: Date): SqlConditions {
  conditions.add(
    (g, start, end) => `grain = ${g} AND bucket >= ${start}::timestamptz AND bucket < ${end}::timestamptz`,
    grain,
    from.toISOString(),
    to.toISOString(),
  );
  return conditions;
}
