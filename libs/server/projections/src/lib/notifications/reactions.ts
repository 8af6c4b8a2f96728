import { type EventMetadata, PLATFORM, SYSTEM_ACTOR, streamName } from '@trailmark/contracts';
import type { EventStore, EventToAppend, RecordedEvent } from '@trailmark/event-store';
import { createHash } from 'node:crypto';

/** An event a reactor writes because of another one. */
export interface Reaction {
  streamName: string;
  event: EventToAppend;
}

/**
 * A UUID derived from what the event reacts to, so a batch replayed after a
 * crash appends the same ids and the store, idempotent on event id, writes
 * nothing twice. UUID-shaped because EventStoreDB takes only UUIDs.
 */
export function reactionId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const notificationStream = (workspaceId: string, recipientId: string) => streamName({ category: 'notification', workspaceId, recordId: recipientId });
export const securityAlertStream = (workspaceId: string) => streamName({ category: 'securityalert', workspaceId, recordId: workspaceId });
export const alertRuleStream = (workspaceId: string, ruleId: string) => streamName({ category: 'alertrule', workspaceId, recordId: ruleId });

/** Written by the system, caused by `source`, at the time the source happened (a replay writes the same metadata). */
export function reactionMetadata(source: RecordedEvent, workspaceId: string, result: EventMetadata['result'] = 'success'): EventMetadata {
  const correlationId = source.metadata['correlationId'];
  return {
    workspaceId,
    layer: 'workspace',
    actor: SYSTEM_ACTOR,
    result,
    occurredAt: occurredAt(source),
    causationId: source.id,
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
  };
}

/** Appends the reactions, stream by stream; each stream takes any revision, ids make a retry a no-op. */
export async function appendReactions(store: EventStore, reactions: readonly Reaction[]): Promise<void> {
  if (reactions.length === 0) return;
  const byStream = new Map<string, EventToAppend[]>();
  for (const { streamName: name, event } of reactions) byStream.set(name, [...(byStream.get(name) ?? []), event]);
  await store.appendToStreams([...byStream].map(([name, events]) => ({ streamName: name, events, expectedRevision: 'any' as const })));
}

export function occurredAt(event: RecordedEvent): string {
  const claimed = event.metadata['occurredAt'];
  return typeof claimed === 'string' ? claimed : event.recordedAt.toISOString();
}

/** The workspace an event belongs to; null for platform events. */
export function workspaceOf(event: RecordedEvent): string | null {
  const workspaceId = event.metadata['workspaceId'];
  return typeof workspaceId === 'string' && workspaceId !== PLATFORM ? workspaceId : null;
}
