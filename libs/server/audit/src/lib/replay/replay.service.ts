import type { RequestContext } from '@trailmark/command-handling';
import { present } from '@trailmark/domain';
import type { EventStore, Position } from '@trailmark/event-store';
import type { AuditTrail } from '../audit-trail';
import { workspaceOfStream } from '../audit-streams';
import { type Queryable, windowEvents } from '../store/stored-events.sql';
import { type ReplayedEvent, replayedEvent } from './replayed-event';
import type { StreamReplayQuery, WindowReplayQuery } from './replay-query.schema';

export interface StreamReplayPage {
  streamName: string;
  events: ReplayedEvent[];
  /** fromRevision of the next page; null at the stream's end. */
  nextRevision: number | null;
}

export interface WindowReplayPage {
  events: ReplayedEvent[];
  nextCursor: Position | null;
}

/** Replays for auditors; each page served is recorded first, by the caller. */
export class ReplayService {
  constructor(
    private readonly store: EventStore,
    private readonly db: Queryable,
    private readonly trail: AuditTrail,
  ) {}

  /** Undefined when the stream is not the workspace's or has no events. */
  async stream(streamName: string, { fromRevision, limit }: StreamReplayQuery, context: RequestContext): Promise<StreamReplayPage | undefined> {
    if (workspaceOfStream(streamName) !== context.workspaceId) return undefined;
    const events = await this.store.readStream(streamName, { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && (fromRevision === 0 || (await this.store.readStream(streamName, { maxCount: 1 })).length === 0)) return undefined;
    const page = events.slice(0, limit);
    await this.trail.record(
      { type: 'RecordStreamReplay', data: { streamName, fromRevision, events: page.length, lastRevision: page.at(-1)?.revision ?? null } },
      context,
    );
    return { streamName, events: page.map(replayedEvent), nextRevision: events.length > limit ? events[limit].revision : null };
  }

  async window({ from, to, cursor, limit }: WindowReplayQuery, context: RequestContext): Promise<WindowReplayPage> {
    const events = await windowEvents(this.db, { workspaceId: context.workspaceId, from, to, after: cursor, limit: limit + 1 });
    const page = events.slice(0, limit);
    await this.trail.record(
      { type: 'RecordTimeWindowReplay', data: { ...present({ from: from?.toISOString(), to: to?.toISOString(), after: cursor }), events: page.length } },
      context,
    );
    return { events: page.map(replayedEvent), nextCursor: events.length > limit ? (page.at(-1)?.position ?? null) : null };
  }
}
