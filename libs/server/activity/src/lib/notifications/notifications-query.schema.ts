import { z } from 'zod';

export const notificationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page, 1 to 100'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/, 'is not a cursor this API handed out')
    .optional()
    .describe('nextCursor of the previous page'),
  unread: z.enum(['true', 'false']).optional().describe('true: unread only'),
});

export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>;
