import type { ActivityItem, Category } from '@trailmark/contracts';
import type { StatsGroup } from '../api/api-types';
import type { QueryValues } from '../api/http-client';

export const RANGES = ['24h', '7d', '30d', '90d', 'all'] as const;
export type Range = (typeof RANGES)[number];
export type Scope = 'mine' | 'workspace';
/** Where a table reads from: the activity feed (all of it, the last 4 days, or older) or the audit log. */
export type FeedSource = { kind: 'activity'; view?: 'recent' | 'archive' } | { kind: 'audit' };

export interface ActivityFilters {
  range: Range;
  scope: Scope;
  category: Category | '';
  /** The volume chart's buckets; `auto` lets the API choose by the range's length. */
  group: StatsGroup | 'auto';
  /** Search text, qualifiers included (`actor:alice -result:success`). */
  q: string;
}

export const DEFAULT_FILTERS: Readonly<ActivityFilters> = Object.freeze({ range: '7d', scope: 'workspace', category: '', group: 'auto', q: '' });

const RANGE_MS: Record<Range, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000, all: Number.POSITIVE_INFINITY };
const RECENT_MS = 4 * 86_400_000;

/** The query of a feed page, its facets and its CSV export; the audit log has no scope, and the views bound the time themselves. */
export function feedQuery(filters: ActivityFilters, source: FeedSource = { kind: 'activity' }): QueryValues {
  const view = source.kind === 'activity' ? source.view : undefined;
  return {
    scope: source.kind === 'activity' ? filters.scope : undefined,
    range: view ? undefined : filters.range,
    view,
    category: filters.category || undefined,
    q: filters.q.trim() || undefined,
  };
}

export const facetsQuery = (filters: ActivityFilters, source?: FeedSource): QueryValues => ({ ...feedQuery(filters, source), category: undefined });

export function statsQuery(filters: ActivityFilters): QueryValues {
  return { scope: filters.scope, range: filters.range, group: filters.group === 'auto' ? undefined : filters.group };
}

/**
 * Whether a live item belongs in the table: `maybe` when only the server can
 * tell (a search), so the table asks it again.
 */
export function liveMatch(item: ActivityItem, filters: ActivityFilters, source: FeedSource, userId: string, now: number): 'yes' | 'no' | 'maybe' {
  if (source.kind !== 'activity' || source.view === 'archive') return 'no';
  const age = now - Date.parse(item.occurredAt);
  const window = source.view === 'recent' ? RECENT_MS : RANGE_MS[filters.range];
  if (filters.scope === 'mine' && item.actor.id !== userId) return 'no';
  if (filters.category && item.category !== filters.category) return 'no';
  if (age > window) return 'no';
  return filters.q.trim() ? 'maybe' : 'yes';
}

/** Newest first, as the API orders: by occurrence, then by store position. */
export const newerFirst = (a: ActivityItem, b: ActivityItem) =>
  a.occurredAt === b.occurredAt ? compare(b.position, a.position) : compare(b.occurredAt, a.occurredAt);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The page with `item` in its place, at most `limit` long; null when it is already shown or sorts below the page's last row. */
export function insertIntoPage(items: readonly ActivityItem[], item: ActivityItem, limit: number): ActivityItem[] | null {
  if (items.some((shown) => shown.eventId === item.eventId)) return null;
  const kept = [...items, item].sort(newerFirst).slice(0, limit);
  return kept.includes(item) ? kept : null;
}
