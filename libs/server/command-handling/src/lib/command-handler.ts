import { randomUUID } from 'node:crypto';
import type { Command, DecideContext, Decider, DomainEvent } from '@trailmark/domain';
import { fold } from '@trailmark/domain';
import type { EventMetadata } from '@trailmark/contracts';
import { type AppendResult, type EventStore, type RecordedEvent, WrongExpectedVersionError } from '@trailmark/event-store';

export interface Aggregate<S> {
  state: S;
  /** Revision of the stream's last event, or -1 when the stream does not exist. */
  revision: number;
}

export async function loadAggregate<S, E extends DomainEvent>(
  store: EventStore,
  streamName: string,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
): Promise<Aggregate<S>> {
  const events = await store.readStream(streamName);
  return {
    state: fold(decider.evolve, decider.initialState(), events.map(toDomainEvent<E>)),
    revision: events.length ? events[events.length - 1].revision : -1,
  };
}

export interface HandleOptions<E extends DomainEvent> {
  /** Metadata of each new event (result may depend on the event, e.g. a failed sign-in). */
  metadata: (event: E) => EventMetadata;
  /** Ids of the new events; random by default. Ingestion passes the host's ids for idempotency. */
  eventId?: (event: E, index: number) => string;
  clock?: () => Date;
  attempts?: number;
}

export interface Handled<S, E> {
  events: E[];
  /** State after the new events. */
  state: S;
  append?: AppendResult;
}

/**
 * Loads, decides and appends with the loaded revision as the expectation. When
 * another writer appended first, the command is decided again on the new state.
 */
export async function handleCommand<S, C extends Command, E extends DomainEvent>(
  store: EventStore,
  streamName: string,
  decider: Decider<S, C, E>,
  command: C,
  options: HandleOptions<E>,
): Promise<Handled<S, E>> {
  const attempts = options.attempts ?? 20;
  for (let attempt = 1; ; attempt += 1) {
    const { state, revision } = await loadAggregate(store, streamName, decider);
    const context: DecideContext = { now: options.clock?.() ?? new Date(), newId: randomUUID };
    const events = decider.decide(command, state, context);
    const next = fold(decider.evolve, state, events);
    if (events.length === 0) {
      return { events, state: next };
    }
    try {
      const append = await store.appendToStream(
        streamName,
        events.map((event, i) => ({
          id: options.eventId?.(event, i) ?? randomUUID(),
          type: event.type,
          data: event.data,
          metadata: options.metadata(event),
        })),
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      return { events, state: next, append };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= attempts) throw error;
      // Jitter spreads writers that keep colliding on one busy stream.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

export function toDomainEvent<E extends DomainEvent>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as E;
}
