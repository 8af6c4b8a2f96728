import { CATEGORIES, type Category } from '@trailmark/contracts';
import { z } from 'zod';
import { decodeActivityCursor } from './activity-cursor';
import { parseActivitySearch, type SearchClause } from './activity-search.parser';
import { parseInstant } from './iso-instant';

export const ACTIVITY_RANGES = { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days', all: undefined } as const;
export type ActivityRange = keyof typeof ACTIVITY_RANGES;

/** The feed's hot part; `view=archive` reads what is older. */
export const RECENT_INTERVAL = '4 days';

/** What the audit log shows: who got in, who may do what, and what left the workspace. */
export const AUDIT_CATEGORIES = ['Auth', 'Permissions', 'Workspace', 'Teams', 'Settings', 'Exports', 'Impersonation'] as const satisfies readonly Category[];

const filter = z.string().trim().min(1).max(200).optional();

const instant = z
  .string()
  .trim()
  .transform((value, context) => {
    const parsed = parseInstant(value);
    if (parsed) return parsed.toISOString();
    context.addIssue({ code: 'custom', message: 'Expected an ISO 8601 date or date-time with its offset, e.g. 2026-01-31 or 2026-01-31T09:30:00Z' });
    return z.NEVER;
  })
  .optional();

const search = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((text, context) => {
    if (!text) return undefined;
    const parsed = parseActivitySearch(text);
    if (parsed.ok) return { text, clauses: parsed.clauses };
    context.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  })
  .describe('Search: words match label, event type, record type and IP; qualifiers actor: action: ip: category: result: created:>2026-01-01; "quoted values"; a leading - negates');

const filters = (categories: readonly [Category, ...Category[]]) => ({
  range: z
    .enum(Object.keys(ACTIVITY_RANGES) as [ActivityRange, ...ActivityRange[]])
    .optional()
    .describe('How far back, by occurrence time: 7d unless from, to, view=archive or a created: qualifier bounds the time; then all'),
  from: instant.describe('Occurred at or after (ISO 8601)'),
  to: instant.describe('Occurred before (ISO 8601)'),
  view: z.enum(['recent', 'archive']).optional().describe(`recent: the last ${RECENT_INTERVAL}; archive: older`),
  category: z.enum(categories).optional(),
  actor: filter.describe('Actor id'),
  type: filter.describe('Event type, e.g. TicketAssigned'),
  recordType: filter,
  recordId: filter,
  result: z.enum(['success', 'warning', 'failure']).optional(),
  q: search,
});

const scope = {
  scope: z.enum(['mine', 'workspace']).default('mine').describe('mine: what you did; workspace: everyone (needs activity.read_workspace)'),
};

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      const cursor = decodeActivityCursor(value);
      if (!cursor) context.addIssue({ code: 'custom', message: 'Not a cursor this API handed out' });
      return cursor;
    })
    .describe('nextCursor of the previous page'),
};

/** A time bound anywhere means "search the whole history within it" rather than the last 7 days. */
function withRange<T extends { range?: ActivityRange; from?: string; to?: string; view?: string; q?: { clauses: SearchClause[] } }>(query: T) {
  const bounded = query.from !== undefined || query.to !== undefined || query.view === 'archive' || query.q?.clauses.some((clause) => clause.kind === 'created');
  return { ...query, range: query.range ?? (bounded ? 'all' : '7d') } as T & { range: ActivityRange };
}

const activityFilters = filters(CATEGORIES);
const auditFilters = filters(AUDIT_CATEGORIES);

/** Query string of `GET /api/workspaces/:ws/activity`. */
export const activityQuerySchema = z.strictObject({ ...scope, ...activityFilters, ...page }).transform(withRange);
/** `.../activity/facets` and `.../activity/export.*`: the list's filters, without paging. */
export const activityScopeQuerySchema = z.strictObject({ ...scope, ...activityFilters }).transform(withRange);
/** `GET /api/workspaces/:ws/audit-log`: always the whole workspace, audit categories only. */
export const auditLogQuerySchema = z.strictObject({ ...auditFilters, ...page }).transform(withRange);
export const auditLogFacetsQuerySchema = z.strictObject(auditFilters).transform(withRange);

export type ActivityQuery = z.output<typeof activityQuerySchema>;
export type ActivityScopeQuery = z.output<typeof activityScopeQuerySchema>;
/** The filters every activity read takes, whatever the route. */
export type ActivityFilter = Omit<ActivityScopeQuery, 'scope'>;
export type ActivityPaging = Pick<ActivityQuery, 'limit' | 'cursor'>;
