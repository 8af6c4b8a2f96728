import { isIP } from 'node:net';
import { MAX_EVENTS_PER_REQUEST } from '@trailmark/contracts';
import { type HostEvent, type JsonValue, parseIsoTimestamp } from '@trailmark/domain';
import { z } from 'zod';
import { isStorableText, jsonValueIssue, UNSTORABLE_TEXT } from './json-value';

export const LIMITS = {
  id: 200,
  action: 200,
  type: 100,
  name: 500,
  url: 2048,
  userAgent: 1024,
  changes: 100,
  /** Levels of nesting in `details` and in a change's values. */
  depth: 8,
  detailsBytes: 64 * 1024,
} as const;

/** A host action: `ticket.assigned`, `Invoice.Paid`, `billing/refund:issued`. */
const ACTION = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Must not be empty', abort: true })
    .max(max, { error: `Must be at most ${max} characters`, abort: true })
    .refine(isStorableText, { error: UNSTORABLE_TEXT, abort: true });

const jsonValue = (maxDepth: number) =>
  z.unknown().superRefine((value, context) => {
    const issue = jsonValueIssue(value, maxDepth);
    if (issue) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }).meta({ description: 'Any JSON value' }) as unknown as z.ZodType<JsonValue>;

// Not z.record: it would rebuild the object and turn a "__proto__" key into a prototype.
const details = z
  .unknown()
  .superRefine((value, context) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return context.addIssue({ code: 'custom', message: 'Expected an object' });
    }
    const issue = jsonValueIssue(value, LIMITS.depth);
    if (issue) return context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    if (Buffer.byteLength(JSON.stringify(value)) > LIMITS.detailsBytes) {
      context.addIssue({ code: 'custom', message: `Must be at most ${LIMITS.detailsBytes} bytes as JSON` });
    }
  })
  .meta({
    type: 'object',
    description: `Anything else worth keeping: a JSON object, at most ${LIMITS.depth} levels deep and ${LIMITS.detailsBytes} bytes`,
  }) as unknown as z.ZodType<Record<string, JsonValue>>;

const occurredAt = z.string().transform((value, context) => {
  const time = parseIsoTimestamp(value);
  if (!time) {
    context.addIssue({ code: 'custom', message: 'Expected an ISO 8601 date and time with a zone, e.g. 2026-01-31T09:30:00Z' });
    return z.NEVER;
  }
  return time;
});

const hostEvent = z.object({
  id: text(LIMITS.id).optional().meta({ description: 'Your id for the event; a retry with the same id is stored once' }),
  action: text(LIMITS.action)
    .regex(ACTION, 'Expected letters, digits and . _ : / - only, starting with a letter or digit')
    .meta({ description: 'e.g. ticket.assigned; actions Trailmark does not know are kept as generic activity', example: 'ticket.assigned' }),
  occurredAt: occurredAt.optional().meta({ format: 'date-time', description: 'ISO 8601 with a zone; defaults to when Trailmark receives the event' }),
  actor: z.object({ id: text(LIMITS.id), name: text(LIMITS.name), type: text(LIMITS.type).optional() }),
  target: z
    .object({ type: text(LIMITS.type), id: text(LIMITS.id), name: text(LIMITS.name).optional(), url: text(LIMITS.url).optional() })
    .optional(),
  changes: z
    .array(z.object({ field: text(LIMITS.id), from: jsonValue(LIMITS.depth).optional(), to: jsonValue(LIMITS.depth).optional() }))
    .max(LIMITS.changes, `At most ${LIMITS.changes} changes per event`)
    .optional(),
  context: z
    .object({
      // No IPv6 zone (`fe80::1%eth0`): Postgres inet, where read models keep addresses, refuses it.
      ip: z.string().refine((ip) => isIP(ip) !== 0 && !ip.includes('%'), 'Expected an IPv4 or IPv6 address').optional(),
      userAgent: text(LIMITS.userAgent).optional(),
    })
    .optional(),
  result: z.enum(['success', 'warning', 'failure']).optional(),
  details: details.optional(),
});

export const ingestRequest = z.object({
  events: z
    .array(hostEvent)
    .min(1, 'Send at least one event')
    .max(MAX_EVENTS_PER_REQUEST, `At most ${MAX_EVENTS_PER_REQUEST} events per request`),
});

/** A host event as the schema checked it, before it is mapped to a domain event. */
export type ParsedHostEvent = HostEvent & { id?: string; occurredAt?: Date };

export interface RequestIssue {
  path: string;
  message: string;
}

export type ParsedIngestRequest = { ok: true; events: ParsedHostEvent[] } | { ok: false; issues: RequestIssue[] };

/** Checks a `POST /v1/events` body; each issue names its field by path, e.g. `events.3.actor.id`. */
export function parseIngestRequest(body: unknown): ParsedIngestRequest {
  const parsed = ingestRequest.safeParse(body, { error: messageFor });
  if (parsed.success) return { ok: true, events: parsed.data.events satisfies ParsedHostEvent[] };
  return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || 'body', message: issue.message })) };
}

function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type' || issue.input !== undefined) return undefined;
  return issue.path?.length ? 'Required' : 'Expected a JSON body (Content-Type: application/json)';
}
