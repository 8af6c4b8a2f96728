import { parseInstant } from '@trailmark/activity';
import { isPosition } from '@trailmark/event-store';
import { z } from 'zod';

const INSTANT_MESSAGE = 'Expected an ISO 8601 date or date-time with its offset, e.g. 2026-01-31 or 2026-01-31T09:30:00Z';

/** Query fields the audit routes share. */
export const auditFields = {
  instant: z
    .string()
    .trim()
    .transform((value, context) => parseInstant(value) ?? (context.addIssue({ code: 'custom', message: INSTANT_MESSAGE }), z.NEVER)),
  revision: z.coerce.number().int().min(0),
  limit: (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback),
  position: z.string().refine(isPosition, 'Not a cursor this API handed out'),
};
