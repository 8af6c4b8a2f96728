import { eventMetadata, type RequestContext } from '@trailmark/command-handling';
import type { Device, EventResult, IngestResponse } from '@trailmark/contracts';
import { type MappedHostEvent, mapHostEvent, type OccurrenceFlag, occurrenceFlags, present } from '@trailmark/domain';
import type { AppendResult, EventToAppend, StreamAppend } from '@trailmark/event-store';
import type { ParsedHostEvent, RequestIssue } from './ingest-request.schema';
import { storedEventId } from './stored-event-id';

export interface IngestContext {
  workspaceId: string;
  apiKeyId: string;
  correlationId: string;
  /** When the request arrived: the default `occurredAt`, and what "in the future" is measured against. */
  receivedAt: Date;
  newId: () => string;
  device: (userAgent: string | undefined) => Device | undefined;
}

interface PlannedEvent {
  /** The id the host knows the event by: its own, or the one generated for it. */
  id: string;
  streamName: string;
  toAppend: EventToAppend;
}

export type IngestPlan = { ok: true; events: PlannedEvent[] } | { ok: false; issues: RequestIssue[] };

/** Maps every event of a request, or lists every issue of every event: nothing is stored unless all are well formed. */
export function planIngest(events: ParsedHostEvent[], context: IngestContext): IngestPlan {
  const planned: PlannedEvent[] = [];
  const issues: RequestIssue[] = [];
  const latestInStream = new Map<string, Date>();
  events.forEach((event, index) => {
    const storedId = event.id === undefined ? context.newId() : storedEventId(context.workspaceId, event.id);
    const mapping = mapHostEvent({ workspaceId: context.workspaceId, eventId: storedId, event });
    if (!mapping.ok) {
      issues.push(...mapping.issues.map(({ path, message }) => ({ path: `events.${index}.${path}`, message })));
      return;
    }
    const { streamName } = mapping.mapped;
    const occurredAt = event.occurredAt ?? context.receivedAt;
    const flags = occurrenceFlags(occurredAt, { now: context.receivedAt, latestBefore: latestInStream.get(streamName) });
    latestInStream.set(streamName, maxDate(occurredAt, latestInStream.get(streamName)));
    const { type, data } = mapping.mapped.event;
    const metadata = metadataOf(event, mapping.mapped, occurredAt, flags, context);
    planned.push({ id: event.id ?? storedId, streamName, toAppend: { id: storedId, type, data, metadata } });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, events: planned };
}

/** The envelope of ARCHITECTURE.md, the user agent's device parsed through the cache rather than by `eventMetadata`. */
function metadataOf(event: ParsedHostEvent, mapped: MappedHostEvent, occurredAt: Date, flags: OccurrenceFlag[], context: IngestContext) {
  const { actor } = event;
  const userAgent = event.context?.userAgent;
  const requestContext: RequestContext = {
    workspaceId: context.workspaceId,
    layer: 'workspace',
    actor: { kind: 'host_actor', id: actor.id, name: actor.name },
    ip: event.context?.ip,
    correlationId: context.correlationId,
  };
  return {
    ...eventMetadata(requestContext, { result: event.result ?? defaultResult(mapped), occurredAt }),
    ...present({
      userAgent,
      device: context.device(userAgent),
      actorType: actor.type,
      hostEventId: event.id,
      flags: flags.length > 0 ? flags : undefined,
    }),
    apiKeyId: context.apiKeyId,
    source: 'ingestion',
    host: mapped.extras,
  };
}

function defaultResult({ event }: MappedHostEvent): EventResult {
  return event.type === 'SignInFailed' ? 'failure' : 'success';
}

function maxDate(a: Date, b: Date | undefined): Date {
  return b && b > a ? b : a;
}

/** One append per stream, streams in order of first appearance, events in request order within each. */
export function groupByStream(events: PlannedEvent[]): StreamAppend[] {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { streamName, toAppend } of events) {
    const group = byStream.get(streamName) ?? [];
    group.push(toAppend);
    byStream.set(streamName, group);
  }
  return [...byStream].map(([streamName, appended]) => ({ streamName, events: appended, expectedRevision: 'any' }));
}

/** Each event accepted when this call wrote it, a duplicate when its id was stored before (or earlier in the request). */
export function ingestOutcomes(events: PlannedEvent[], appends: StreamAppend[], results: AppendResult[]): IngestResponse {
  const written = new Map(appends.map((append, i) => [append.streamName, new Set(results[i].appended)]));
  const response: IngestResponse = { results: [], accepted: 0, duplicates: 0 };
  for (const { id, streamName, toAppend } of events) {
    const fresh = written.get(streamName)?.delete(toAppend.id) ?? false;
    response.results.push({ id, status: fresh ? 'accepted' : 'duplicate' });
    if (fresh) response.accepted += 1;
    else response.duplicates += 1;
  }
  return response;
}
