import { z } from 'zod';
import { auditFields } from '../audit-query.fields';

/** Query string of `GET /api/workspaces/:ws/audit/evidence`: a window, or streams. */
export const evidenceQuerySchema = z
  .strictObject({
    from: auditFields.instant.optional().describe('With to: events recorded at or after (ISO 8601)'),
    to: auditFields.instant.optional().describe('With from: events recorded before (ISO 8601)'),
    stream: z
      .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1).max(1000)])
      .optional()
      .transform((value) => (value === undefined ? undefined : [...new Set([value].flat())]))
      .describe('Instead of a window: a stream to export whole; repeat for several'),
  })
  .superRefine(({ from, to, stream }, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (stream !== undefined && (from !== undefined || to !== undefined)) issue('stream', 'Give either stream or from and to');
    else if (stream === undefined && (from === undefined || to === undefined)) issue(from === undefined ? 'from' : 'to', 'Required unless streams are named');
    else if (from && to && from >= to) issue('to', 'Must be after from');
  })
  .transform(({ from, to, stream }) =>
    stream ? { kind: 'streams' as const, streams: stream } : { kind: 'window' as const, from: (from as Date).toISOString(), to: (to as Date).toISOString() },
  );

export type EvidenceQuery = z.output<typeof evidenceQuerySchema>;
