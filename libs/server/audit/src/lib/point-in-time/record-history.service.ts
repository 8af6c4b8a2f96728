import { type RequestContext, toDomainEvent } from '@trailmark/command-handling';
import { isRecordType, streams } from '@trailmark/contracts';
import { diffRecords, foldRecordEvent, initialRecordState, type RecordDiff, type RecordSnapshot, recordSnapshot, recordSteps } from '@trailmark/domain';
import type { EventStore, RecordedEvent } from '@trailmark/event-store';
import type { AuditTrail } from '../audit-trail';
import { type ReplayedEvent, replayedEvent } from '../replay/replayed-event';
import type { RecordDiffQuery, RecordStateQuery, RecordStepsQuery } from './point-in-time-query.schema';

export interface RecordRef {
  recordType: string;
  recordId: string;
}

export interface RecordStateAnswer {
  streamName: string;
  /** The time asked for, if any. */
  at: string | null;
  /** Revision of the last event folded; -1 when none was. */
  revision: number;
  state: RecordSnapshot;
}

export interface RecordDiffAnswer {
  streamName: string;
  from: { revision: number; state: RecordSnapshot };
  to: { revision: number; state: RecordSnapshot };
  changes: RecordDiff;
  /** The events after `from` up to `to` that made the difference. */
  events: ReplayedEvent[];
}

export interface RecordStep {
  event: ReplayedEvent;
  /** The record after this event. */
  state: RecordSnapshot;
  /** What this event changed. */
  changes: RecordDiff;
}

export interface RecordStepsPage {
  streamName: string;
  steps: RecordStep[];
  nextRevision: number | null;
}

/** A record at any point of its history: its events folded with the record decider's evolve. */
export class RecordHistoryService {
  constructor(
    private readonly store: EventStore,
    private readonly trail: AuditTrail,
  ) {}

  async state(ref: RecordRef, { at, revision }: RecordStateQuery, context: RequestContext): Promise<RecordStateAnswer | undefined> {
    const loaded = await this.load(ref, context);
    if (!loaded) return undefined;
    const folded = loaded.events.filter((event) => (at ? event.recordedAt <= at : revision === undefined || event.revision <= revision));
    await this.trail.record({ type: 'RecordPointInTimeView', data: { view: 'record_state', streamName: loaded.streamName, ...(at ? { at: at.toISOString() } : {}), ...(revision === undefined ? {} : { toRevision: revision }) } }, context);
    return { streamName: loaded.streamName, at: at?.toISOString() ?? null, revision: folded.at(-1)?.revision ?? -1, state: snapshotOf(folded, ref.recordId) };
  }

  async diff(ref: RecordRef, { from, to }: RecordDiffQuery, context: RequestContext): Promise<RecordDiffAnswer | undefined> {
    const loaded = await this.load(ref, context);
    if (!loaded) return undefined;
    const before = snapshotOf(loaded.events.filter((event) => event.revision <= from), ref.recordId);
    const after = snapshotOf(loaded.events.filter((event) => event.revision <= to), ref.recordId);
    await this.trail.record({ type: 'RecordPointInTimeView', data: { view: 'record_diff', streamName: loaded.streamName, fromRevision: from, toRevision: to } }, context);
    return {
      streamName: loaded.streamName,
      from: { revision: from, state: before },
      to: { revision: to, state: after },
      changes: diffRecords(before, after),
      events: loaded.events.filter((event) => event.revision > from && event.revision <= to).map(replayedEvent),
    };
  }

  async steps(ref: RecordRef, { fromRevision, limit }: RecordStepsQuery, context: RequestContext): Promise<RecordStepsPage | undefined> {
    const loaded = await this.load(ref, context);
    if (!loaded) return undefined;
    const earlier = loaded.events.filter((event) => event.revision < fromRevision);
    const page = loaded.events.filter((event) => event.revision >= fromRevision).slice(0, limit);
    const states = recordSteps(page.map(toDomainEvent), ref.recordId, earlier.map(toDomainEvent).reduce(foldRecordEvent, initialRecordState()));
    const first = snapshotOf(earlier, ref.recordId);
    await this.trail.record({ type: 'RecordPointInTimeView', data: { view: 'record_steps', streamName: loaded.streamName, fromRevision, ...(page.length ? { toRevision: page.at(-1)?.revision } : {}) } }, context);
    const last = page.at(-1);
    return {
      streamName: loaded.streamName,
      steps: page.map((event, i) => ({ event: replayedEvent(event), state: states[i], changes: diffRecords(i === 0 ? first : states[i - 1], states[i]) })),
      nextRevision: last && loaded.events.some((event) => event.revision > last.revision) ? last.revision + 1 : null,
    };
  }

  /** Undefined for a type Trailmark keeps no record streams of, or a record it never heard of. */
  private async load({ recordType, recordId }: RecordRef, context: RequestContext): Promise<{ streamName: string; events: RecordedEvent[] } | undefined> {
    const type = recordType.toLowerCase();
    if (!isRecordType(type)) return undefined;
    const streamName = streams.record(context.workspaceId, type, recordId);
    const events = await this.store.readStream(streamName);
    return events.length ? { streamName, events } : undefined;
  }
}

function snapshotOf(events: RecordedEvent[], recordId: string): RecordSnapshot {
  return recordSnapshot(events.map(toDomainEvent).reduce(foldRecordEvent, initialRecordState()), recordId);
}
