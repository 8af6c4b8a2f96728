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
  /** The "now" that ranges count back from (ISO 8601); the database clock when left out. A long export pins it. */
  asOf?: string;
}

/** The WHERE clause over `activity_feed` for an audience, its filters and, when paging, where the last page ended. */
export function activityConditions(audience: ActivityAudience, filter: ActivityFilter, { ignoreCategory = false, after, asOf }: FilterOptions = {}): SqlConditions {
  const conditions = new SqlConditions();
  conditions.add((ws) => `workspace_id = ${ws}`, audience.workspaceId);
  if (audience.actorId !== undefined) conditions.add((id) => `actor_id = ${id}`, audience.actorId);
  if (audience.categories !== undefined) conditions.add((list) => `category = ANY(${list}::text[])`, audience.categories);
  timeConditions(conditions, filter, asOf);
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

function timeConditions(conditions: SqlConditions, filter: ActivityFilter, asOf: string | undefined): void {
  const ago = (interval: string) =>
    asOf === undefined
      ? conditions.fragment((since) => `now() - ${since}::interval`, interval)
      : conditions.fragment((now, since) => `${now}::timestamptz - ${since}::interval`, asOf, interval);
  const range = ACTIVITY_RANGES[filter.range];
  if (range) conditions.sql.push(`occurred_at >= ${ago(range)}`);
  if (filter.from) conditions.add((from) => `occurred_at >= ${from}::timestamptz`, filter.from);
  if (filter.to) conditions.add((to) => `occurred_at < ${to}::timestamptz`, filter.to);
  if (filter.view) conditions.sql.push(`occurred_at ${filter.view === 'recent' ? '>=' : '<'} ${ago(RECENT_INTERVAL)}`);
}

function clauseSql(conditions: SqlConditions, clause: SearchClause): string {
  const { kind } = clause;
  switch (kind) {
    case 'text':
      return conditions.fragment(
        (pattern) => `(label ILIKE ${pattern} OR event_type ILIKE ${pattern} OR record_type ILIKE ${pattern} OR ip ILIKE ${pattern})`,
        `%${clause.value.replace(/[\\%_]/g, (special) => `\\${special}`)}%`,
      );
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
