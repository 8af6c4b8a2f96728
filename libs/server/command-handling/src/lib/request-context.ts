import { randomUUID } from 'node:crypto';
import { type Actor, type EventLayer, type EventMetadata, type EventResult, SYSTEM_ACTOR } from '@trailmark/contracts';
import { parseDevice } from './device';

/** Who is acting, from where, and under which correlation: everything an event's metadata needs. */
export interface RequestContext {
  workspaceId: string;
  layer?: EventLayer;
  actor?: Actor;
  ip?: string;
  userAgent?: string;
  correlationId?: string;
  causationId?: string;
}

/** Builds event metadata; the actor is "System" when nobody is signed in. */
export function eventMetadata(
  context: RequestContext,
  options: { result?: EventResult; occurredAt?: Date | string } = {},
): EventMetadata {
  const occurredAt = options.occurredAt ?? new Date();
  return dropUndefined({
    workspaceId: context.workspaceId,
    layer: context.layer ?? 'workspace',
    actor: context.actor ?? SYSTEM_ACTOR,
    ip: context.ip,
    userAgent: context.userAgent,
    device: parseDevice(context.userAgent),
    result: options.result ?? 'success',
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    correlationId: context.correlationId ?? randomUUID(),
    causationId: context.causationId,
  }) as EventMetadata;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
