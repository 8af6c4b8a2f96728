import { z } from 'zod';
import { decodeActivityCursor } from './activity-cursor';

/** Query string of `GET /api/workspaces/:ws/records/:type/:id/timeline`. */
export const recordTimelineQuerySchema = z.strictObject({
  order: z.enum(['asc', 'desc']).default('desc').describe('desc: newest first; asc: oldest first'),
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
    .describe('nextCursor of the previous page, read in the same order'),
});

export type RecordTimelineQuery = z.output<typeof recordTimelineQuerySchema>;
