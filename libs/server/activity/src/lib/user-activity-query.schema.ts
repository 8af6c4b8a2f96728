import { SIGNAL_KINDS } from '@trailmark/projections';
import { z } from 'zod';
import { decodeActivityCursor } from './activity-cursor';
import { isDateOnly, parseInstant } from './iso-instant';

const DAY_MS = 86_400_000;
/** A report's range when the query names none. */
export const DEFAULT_REPORT_DAYS = 30;
export const MAX_REPORT_DAYS = 366;

const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** `GET /api/workspaces/:ws/users/:userId/activity`: one page of the sign-in history. */
export const userActivityQuerySchema = z.strictObject({
  limit: limit(20, 100).describe('Sign-ins per page'),
  cursor: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      const cursor = decodeActivityCursor(value);
      if (!cursor) context.addIssue({ code: 'custom', message: 'Not a cursor this API handed out' });
      return cursor;
    })
    .describe('logins.nextCursor of the previous page'),
});

/** A bare date as `to` stands for its whole UTC day, so from=2026-03-01&to=2026-03-01 is that day. */
const bound = (edge: 'from' | 'to') =>
  z
    .string()
    .trim()
    .transform((value, context) => {
      const instant = parseInstant(value);
      if (instant) return edge === 'to' && isDateOnly(value) ? new Date(instant.getTime() + DAY_MS) : instant;
      context.addIssue({ code: 'custom', message: 'Expected an ISO 8601 date or date-time with its offset, e.g. 2026-01-31 or 2026-01-31T09:30:00Z' });
      return z.NEVER;
    })
    .optional();

const range = {
  from: bound('from').describe(`Occurred at or after (ISO 8601); ${DEFAULT_REPORT_DAYS} days before to by default`),
  to: bound('to').describe('Occurred before (ISO 8601; a bare date includes that day); now by default'),
};

export interface ReportRange {
  from: Date;
  to: Date;
}

/** Fills in the defaults and refuses an empty, reversed or too long range. */
function withRange<T extends { from?: Date; to?: Date }>(query: T, context: z.RefinementCtx): Omit<T, 'from' | 'to'> & ReportRange {
  const to = query.to ?? new Date();
  const from = query.from ?? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS);
  if (from >= to) context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) context.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_REPORT_DAYS} days after from` });
  return { ...query, from, to };
}

/** `.../reports/logins` and `.../reports/usage`. */
export const reportQuerySchema = z.strictObject({ ...range, limit: limit(100, 500).describe('Users listed, most first') }).transform(withRange);

/** `.../reports/failed-logins`. */
export const failedLoginsQuerySchema = z.strictObject({ ...range, limit: limit(10, 100).describe('Accounts and IPs listed, most failures first') }).transform(withRange);

/** `.../reports/security-signals`: signals active within the range. */
export const securitySignalsQuerySchema = z
  .strictObject({ ...range, kind: z.enum(SIGNAL_KINDS).optional(), limit: limit(50, 200).describe('Signals listed, latest first') })
  .transform(withRange);

/** `.../reports/inactive`. */
export const inactiveQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(3650).default(30).describe('Members with no activity in this many days, or never'),
});

export type UserActivityQuery = z.output<typeof userActivityQuerySchema>;
export type ReportQuery = z.output<typeof reportQuerySchema>;
export type FailedLoginsQuery = z.output<typeof failedLoginsQuerySchema>;
export type SecuritySignalsQuery = z.output<typeof securitySignalsQuerySchema>;
export type InactiveQuery = z.output<typeof inactiveQuerySchema>;
