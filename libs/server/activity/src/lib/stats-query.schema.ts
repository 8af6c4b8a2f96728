import { z } from 'zod';
import { parseInstant } from './iso-instant';
import { STATS_GROUPS, STATS_RANGES, type StatsPeriod, type StatsRange } from './stats-window';

const instant = z
  .string()
  .trim()
  .transform((value, context) => {
    const parsed = parseInstant(value);
    if (parsed) return parsed;
    context.addIssue({ code: 'custom', message: 'Expected an ISO 8601 date or date-time with its offset, e.g. 2026-01-31 or 2026-01-31T09:30:00Z' });
    return z.NEVER;
  })
  .optional();

/** Query string of `GET /api/workspaces/:ws/stats`. */
export const statsQuerySchema = z
  .strictObject({
    scope: z.enum(['mine', 'workspace']).default('mine').describe('mine: what you did; workspace: everyone (needs activity.read_workspace)'),
    range: z
      .enum(Object.keys(STATS_RANGES) as [StatsRange, ...StatsRange[]])
      .optional()
      .describe('How far back, ending with the current hour or UTC day: 7d unless from and to are given'),
    from: instant.describe('Occurred at or after (ISO 8601), widened to the start of its hour or day; needs to'),
    to: instant.describe('Occurred before (ISO 8601), widened to the end of its hour or day; needs from'),
    group: z.enum(STATS_GROUPS).optional().describe('Series buckets (UTC, weeks from Monday); by default hour up to 2 days, day up to 31 days, week beyond'),
    variant: z.enum(['full', 'widget']).default('full').describe('widget leaves out sign-in, session and user-account events'),
  })
  .superRefine(({ range, from, to }, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (range !== undefined && (from !== undefined || to !== undefined)) issue('range', 'Give either range or from and to');
    if (from === undefined && to !== undefined) issue('from', 'Required with to');
    if (to === undefined && from !== undefined) issue('to', 'Required with from');
    if (from !== undefined && to !== undefined && from >= to) issue('to', 'Must be after from');
  })
  .transform(({ range, from, to, ...rest }) => {
    const period: StatsPeriod = from !== undefined && to !== undefined ? { from, to } : { range: range ?? '7d' };
    return { ...rest, period };
  });

export type StatsQuery = z.output<typeof statsQuerySchema>;
