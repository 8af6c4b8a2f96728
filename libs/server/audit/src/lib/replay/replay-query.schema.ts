import { z } from 'zod';
import { auditFields } from '../audit-query.fields';

/** Query string of `GET /api/workspaces/:ws/audit/streams/:stream/events`. */
export const streamReplayQuerySchema = z.strictObject({
  fromRevision: auditFields.revision.default(0).describe('First revision to return (inclusive); nextRevision of the previous page'),
  limit: auditFields.limit(100, 1000),
});

export type StreamReplayQuery = z.output<typeof streamReplayQuerySchema>;

/** Query string of `GET /api/workspaces/:ws/audit/events`. */
export const windowReplayQuerySchema = z
  .strictObject({
    from: auditFields.instant.optional().describe('Recorded at or after (ISO 8601); the first event when left out'),
    to: auditFields.instant.optional().describe('Recorded before (ISO 8601); now when left out'),
    cursor: auditFields.position.optional().describe('nextCursor of the previous page'),
    limit: auditFields.limit(100, 1000),
  })
  .superRefine(({ from, to }, context) => {
    if (from && to && from >= to) context.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
  });

export type WindowReplayQuery = z.output<typeof windowReplayQuerySchema>;
