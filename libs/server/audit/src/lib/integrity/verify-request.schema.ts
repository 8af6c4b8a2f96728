import { z } from 'zod';

/** Body of `POST /api/workspaces/:ws/audit/verify`: a stream, a record, or (empty) the whole workspace. */
export const verifyRequestSchema = z
  .strictObject({
    stream: z.string().trim().min(1).optional().describe('A stream of the workspace'),
    recordType: z.string().trim().min(1).optional().describe('With recordId: the stream of this record'),
    recordId: z.string().trim().min(1).optional(),
  })
  .superRefine(({ stream, recordType, recordId }, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if ((recordType === undefined) !== (recordId === undefined)) issue(recordType === undefined ? 'recordType' : 'recordId', 'recordType and recordId go together');
    if (stream !== undefined && recordType !== undefined) issue('stream', 'Give either stream or recordType and recordId');
  });

export type VerifyRequest = z.output<typeof verifyRequestSchema>;
