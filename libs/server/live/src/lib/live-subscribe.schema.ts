import type { LiveChannel, LiveSubscribeAck } from '@trailmark/contracts';
import { isPosition } from '@trailmark/event-store';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max, `Must be at most ${max} characters`);

const workspaceId = text(200);

const channelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workspace'), workspaceId }),
  z.strictObject({ kind: z.literal('mine'), workspaceId }),
  z.strictObject({ kind: z.literal('record'), workspaceId, recordType: text(100), recordId: text(200) }),
  z.strictObject({ kind: z.literal('stats'), workspaceId, scope: z.enum(['workspace', 'mine']).optional() }),
  z.strictObject({ kind: z.literal('notifications'), workspaceId }),
]);

const subscribeSchema = z.strictObject({
  channel: channelSchema,
  after: z
    .string()
    .refine(isPosition, 'Expected the position of a feed item, e.g. 00000000000000001234:00000000000000000001')
    .optional(),
});

const unsubscribeSchema = z.strictObject({ channelKey: z.string().min(1, 'Must not be empty') });

export interface SubscribeRequest {
  channel: LiveChannel;
  after?: string;
}

type Parsed<T> = { ok: true; request: T } | { ok: false; ack: Extract<LiveSubscribeAck, { ok: false }> };

/** A `subscribe` payload, or the 400 ack naming every field that was wrong. */
export function parseSubscribe(payload: unknown): Parsed<SubscribeRequest> {
  return parse(subscribeSchema, payload, 'subscribe');
}

export function parseUnsubscribe(payload: unknown): Parsed<{ channelKey: string }> {
  return parse(unsubscribeSchema, payload, 'unsubscribe');
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, name: string): Parsed<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const described = issues.map(({ path, message }) => (path ? `${path} ${message}` : message)).join('; ');
  return { ok: false, ack: { ok: false, status: 400, message: `The ${name} request is not valid: ${described}`, issues } };
}
