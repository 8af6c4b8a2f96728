import type { Category } from '@trailmark/contracts';
import type { ActivityCursor } from './activity-cursor';
import { ACTIVITY_RANGES, type ActivityFilter, RECENT_INTERVAL } from './activity-query.schema';
import type { SearchClause } from './activity-search.parser';
import { SqlConditions } from './sql-conditions';

/** Whose activity, in which workspace: the caller's own, or everyone's; the audit log sees some categories only. */
export interface ActivityAudience {
  workspaceId: string;
  actorId?: string;
  categories?: readonly Category[];
}

export interface FilterOptions {
  /** Facets count every category, so they leave the category filter out. */
  ignoreCategory?: boolean;
  after?: ActivityCursor;
  /** The "now" that ranges count back from; the database clock when left out. A long export pins it. */
  asOf?: Date;
  /** Occurrence bounds to use instead of the filter's range, from, to and view. */
  within?: TimeWindow;
  /** Conditions to add to, numbering the parameters after theirs; new ones when left out. */
  into?: SqlConditions;
}

/** Occurrence times from `from` (inclusive) to `to` (exclusive); an absent end is open. */
export interface TimeWindow {
  from?: Date;
  to?: Date;
}

const HOUR_MS = 3_600_000;

/** Milliseconds of an interval as ACTIVITY_RANGES and RECENT_INTERVAL spell them ("24 hours", "7 days"). */
function intervalMs(interval: string): number {
  const [count, unit] = interval.split(' ');
  return Number(count) * (unit.startsWith('day') ? 24 * HOUR_MS : HOUR_MS);
}

/** The instants a filter's range, from, to and view bound occurrence to, counted back from `now`. */
export function timeWindow(filter: ActivityFilter, now: Date): TimeWindow {
  const ago = (interval: string) => new Date(now.getTime() - intervalMs(interval));
  const range = ACTIVITY_RANGES[filter.range];
  const lower = [range && ago(range), filter.from && new Date(filter.from), filter.view === 'recent' && ago(RECENT_INTERVAL)];
  const upper = [filter.to && new Date(filter.to), filter.view === 'archive' && ago(RECENT_INTERVAL)];
  const bounds = (dates: Array<Date | false | undefined | ''>) => dates.filter((date): date is Date => date instanceof Date).map((date) => date.getTime());
  const [from, to] = [bounds(lower), bounds(upper)];
  return { from: from.length > 0 ? new Date(Math.max(...from)) : undefined, to: to.length > 0 ? new Date(Math.min(...to)) : undefined };
}

/** The WHERE clause over `activity_feed` for an audience, its filters and, when paging, where the last page ended. */
export function activityConditions(audience: ActivityAudience, filter: ActivityFilter, { ignoreCategory = false, after, asOf, within, into }: FilterOptions = {}): SqlConditions {
  const conditions = into ?? new SqlConditions();
  conditions.add((ws) => `workspace_id = ${ws}`, audience.workspaceId);
  if (audience.actorId !== undefined) conditions.add((id) => `actor_id = ${id}`, audience.actorId);
  if (audience.categories !== undefined) conditions.add((list) => `category = ANY(${list}::text[])`, audience.categories);
  if (within) {
    if (within.from) conditions.add((at) => `occurred_at >= ${at}::timestamptz`, within.from.toISOString());
    if (within.to) conditions.add((at) => `occurred_at < ${at}::timestamptz`, within.to.toISOString());
  } else {
    timeConditions(conditions, filter, asOf);
  }
  const equal = {
    category: ignoreCategory ? undefined : filter.category,
    actor_id: filter.actor,
    event_type: filter.type,
    record_type: filter.recordType,
    record_id: filter.recordId,
    result: filter.result,
  };
  for (const [column, value] of Object.entries(equal)) {
    if (value !== undefined) conditions.add((v) => `${column} = ${v}`, value);
  }
  for (const clause of filter.q?.clauses ?? []) {
    if (ignoreCategory && clause.kind === 'category') continue;
    const sql = clauseSql(conditions, clause);
    // A NULL column (no IP, no record) matches nothing, so a negated clause keeps the row.
    conditions.sql.push(clause.negated ? `NOT coalesce(${sql}, false)` : sql);
  }
  if (after) {
    conditions.add((at, position) => `(occurred_at, position) < (${at}::timestamptz, ${position})`, after.occurredAt, after.position);
  }
  return conditions;
}

/** The filter's window as timeWindow draws it, counted back from the database clock unless `asOf` pins "now". */
function timeConditions(conditions: SqlConditions, filter: ActivityFilter, asOf: Date | undefined): void {
  const ago = (interval: string) => {
    const since = `${intervalMs(interval) / HOUR_MS} hours`;
    return asOf === undefined
      ? conditions.fragment((hours) => `now() - ${hours}::interval`, since)
      : conditions.fragment((now, hours) => `${now}::timestamptz - ${hours}::interval`, asOf.toISOString(), since);
  };
  const range = ACTIVITY_RANGES[filter.range];
  if (range) conditions.sql.push(`occurred_at >= ${ago(range)}`);
  if (filter.from) conditions.add((from) => `occurred_at >= ${from}::timestamptz`, filter.from);
  if (filter.to) conditions.add((to) => `occurred_at < ${to}::timestamptz`, filter.to);
  if (filter.view) conditions.sql.push(`occurred_at ${filter.view === 'recent' ? '>=' : '<'} ${ago(RECENT_INTERVAL)}`);
}

/**
 * The fields free text searches, lower-cased and joined by a unit separator:
 * exactly the expression of the trigram index `activity_feed_search`
 * (migration ActivityFeedSearchIndex1763770800000), or the planner cannot use it.
 */
const SEARCH_DOCUMENT = `lower(label || E'\\x1f' || event_type || E'\\x1f' || coalesce(record_type, '') || E'\\x1f' || coalesce(ip, ''))`;
const SEPARATOR = '\u001f';

/**
 * A case-insensitive substring of label, event type, record type or IP. ILIKE
 * lower-cases both sides, so matching the lower-cased document is the same
 * test; only a term holding the separator could match across two fields, and
 * it is tested field by field instead.
 */
function textMatch(conditions: SqlConditions, value: string): string {
  const pattern = `%${value.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
  if (value.includes(SEPARATOR)) {
    return conditions.fragment((p) => `(label ILIKE ${p} OR event_type ILIKE ${p} OR record_type ILIKE ${p} OR ip ILIKE ${p})`, pattern);
  }
  return conditions.fragment((p) => `${SEARCH_DOCUMENT} LIKE lower(${p})`, pattern);
}

function clauseSql(conditions: SqlConditions, clause: SearchClause): string {
  const { kind } = clause;
  switch (kind) {
    case 'text':
      return textMatch(conditions, clause.value);
    case 'actor':
      return conditions.fragment((actor) => `(lower(actor_name) = lower(${actor}) OR lower(actor_id) = lower(${actor}))`, clause.value);
    case 'action':
      return conditions.fragment(
        (action) => `(lower(event_type) = lower(${action}) OR lower(label) = lower(${action}) OR lower(details->>'action') = lower(${action}))`,
        clause.value,
      );
    case 'ip':
      return conditions.fragment((ip) => `ip = ${ip}`, clause.value);
    case 'category':
      return conditions.fragment((category) => `category = ${category}`, clause.value);
    case 'result':
      return conditions.fragment((result) => `result = ${result}`, clause.value);
    case 'created': {
      const bounds = [
        clause.after && conditions.fragment((at) => `occurred_at ${clause.after?.inclusive ? '>=' : '>'} ${at}::timestamptz`, clause.after.at),
        clause.before && conditions.fragment((at) => `occurred_at ${clause.before?.inclusive ? '<=' : '<'} ${at}::timestamptz`, clause.before.at),
      ].filter((bound): bound is string => typeof bound === 'string');
      return `(${bounds.join(' AND ')})`;
    }
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}
