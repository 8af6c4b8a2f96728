import type { Position } from './position';

/** Optimistic concurrency expectation for an append. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventToAppend<Data = unknown> {
  /** Unique across the store: a retried append with the same id writes nothing new. */
  id: string;
  type: string;
  data: Data;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent<Data = unknown> {
  id: string;
  streamName: string;
  type: string;
  data: Data;
  /** Caller metadata plus `recordedAt`, `prevHash` and `hash` written by the store. */
  metadata: Record<string, unknown>;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Opaque, totally ordered position in `$all`. */
  position: Position;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** Position of the last event written, or of the stream's head when nothing new was written. */
  position: Position;
  /** Ids written by this call. */
  appended: string[];
  /** Ids that were already in the store (a retry); nothing was written for them. */
  duplicates: string[];
}

export interface StreamAppend {
  streamName: string;
  events: EventToAppend[];
  expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream name starts with one of these. */
  streamPrefixes?: string[];
  /** Keep events of these types. */
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: read what comes after this position. Omit to read from the start. */
  after?: Position;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: the subscription yields what comes after it, then live events. */
  after?: Position;
  filter?: AllFilter;
  /** Events fetched per catch-up read. */
  batchSize?: number;
  /**
   * Once caught up, the least time between the starts of two reads: news
   * that comes sooner waits for it. For followers that need not see each
   * event at once, so a steady stream reaches them in fewer reads. Stores
   * that push events (EventStoreDB) need no reads and ignore it.
   */
  minReadIntervalMs?: number;
}

/** Catch-up-then-live subscription to `$all`, pulled with `for await`. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; safe to call more than once. */
  close(): Promise<void>;
}

export type EventStoreKind = 'postgres' | 'eventstoredb';

export interface EventStore {
  readonly kind: EventStoreKind;
  appendToStream(
    streamName: string,
    events: EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Appends to several streams (each named once) in one call: all or nothing
   * where the store supports it (Postgres); stream by stream otherwise
   * (EventStoreDB), where a retry with the same ids completes a partial call.
   */
  appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** Returns [] for a stream that does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Resolves when the store answers; used by health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
