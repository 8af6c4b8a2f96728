import { decodeActivityCursor, STATS_RANGES, type StatsRange } from '@trailmark/activity';
import { z } from 'zod';
import { auditFields } from '../audit-query.fields';

/** `at` or `revision`, not both; neither: the record as it is now. */
export const recordStateQuerySchema = z
  .strictObject({
    at: auditFields.instant.optional().describe('The record as the log knew it at this time: events recorded at or before it (ISO 8601)'),
    revision: auditFields.revision.optional().describe('The record after the event at this revision of its stream'),
  })
  .refine(({ at, revision }) => at === undefined || revision === undefined, { path: ['revision'], message: 'Give either at or revision' });

export type RecordStateQuery = z.output<typeof recordStateQuerySchema>;

export const recordDiffQuerySchema = z
  .strictObject({
    from: auditFields.revision.describe('The earlier revision: the state after it'),
    to: auditFields.revision.describe('The later revision: the state after it'),
  })
  .refine(({ from, to }) => from < to, { path: ['to'], message: 'Must be after from' });

export type RecordDiffQuery = z.output<typeof recordDiffQuerySchema>;

export const recordStepsQuerySchema = z.strictObject({
  fromRevision: auditFields.revision.default(0).describe('First step (inclusive); nextRevision of the previous page'),
  limit: auditFields.limit(50, 500),
});

export type RecordStepsQuery = z.output<typeof recordStepsQuerySchema>;

export const pastFeedQuerySchema = z.strictObject({
  at: auditFields.instant.describe('The feed as it stood at this time: rows recorded at or before it (ISO 8601)'),
  limit: auditFields.limit(20, 100),
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

export type PastFeedQuery = z.output<typeof pastFeedQuerySchema>;

const KPI_RANGES = Object.keys(STATS_RANGES).filter((range) => range !== 'all') as [Exclude<StatsRange, 'all'>, ...Exclude<StatsRange, 'all'>[]];

export const pastKpisQuerySchema = z.strictObject({
  at: auditFields.instant.describe('The KPI cards as they stood at this time (ISO 8601)'),
  range: z.enum(KPI_RANGES).default('7d').describe('The window the cards covered, ending with the hour or UTC day of at'),
});

export type PastKpisQuery = z.output<typeof pastKpisQuerySchema>;
