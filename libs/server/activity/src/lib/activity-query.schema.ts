import { CATEGORIES } from '@trailmark/contracts';
import { z } from 'zod';
import { decodeActivityCursor } from './activity-cursor';

export const ACTIVITY_RANGES = { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days', all: undefined } as const;
export type ActivityRange = keyof typeof ACTIVITY_RANGES;

const filter = z.string().trim().min(1).max(200).optional();

/** Query string of `GET /api/workspaces/:ws/activity`. */
export const activityQuerySchema = z.strictObject({
  scope: z.enum(['mine', 'workspace']).default('mine').describe('mine: what you did; workspace: everyone (needs activity.read_workspace)'),
  range: z.enum(Object.keys(ACTIVITY_RANGES) as [ActivityRange, ...ActivityRange[]]).default('7d').describe('How far back, by occurrence time'),
  category: z.enum(CATEGORIES).optional(),
  actor: filter.describe('Actor id'),
  type: filter.describe('Event type, e.g. TicketAssigned'),
  recordType: filter,
  recordId: filter,
  result: z.enum(['success', 'warning', 'failure']).optional(),
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
});

export type ActivityQuery = z.output<typeof activityQuerySchema>;
