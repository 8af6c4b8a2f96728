import { Inject, Injectable } from '@nestjs/common';
import { type Aggregate, eventMetadata, type Handled, handleCommand, loadAggregate, type RequestContext } from '@trailmark/command-handling';
import { PG_POOL } from '@trailmark/database';
import type { Command, Decider, DomainEvent } from '@trailmark/domain';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import type { Pool } from 'pg';

export interface CommandOptions<E> {
  /** Context of each new event, when it depends on the event (the workspace an impersonation is in). */
  contextOf?: (event: E) => RequestContext;
  /**
   * Answer only once the directory read model holds the change, so that the
   * next request's authorisation, or an ingestion call with a new API key,
   * sees it.
   */
  awaitDirectory?: boolean;
}

/** The write path of every admin route: load, decide, append with the request's metadata. */
@Injectable()
export class AdminCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async handle<S, C extends Command, E extends DomainEvent>(
    stream: string,
    decider: Decider<S, C, E>,
    command: C,
    context: RequestContext,
    { contextOf, awaitDirectory = false }: CommandOptions<E> = {},
  ): Promise<Handled<S, E>> {
    const handled = await handleCommand(this.store, stream, decider, command, {
      metadata: (event) => eventMetadata(contextOf?.(event) ?? context),
    });
    if (awaitDirectory && handled.append) {
      await waitForCheckpoint(this.pool, DIRECTORY_PROJECTION, handled.append.position);
    }
    return handled;
  }

  load<S, E extends DomainEvent>(stream: string, decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>): Promise<Aggregate<S>> {
    return loadAggregate(this.store, stream, decider);
  }
}

/** The event of `type` among those a command produced. */
export function eventOf<E extends DomainEvent, T extends E['type']>(events: readonly E[], type: T): Extract<E, { type: T }> {
  const event = events.find((candidate): candidate is Extract<E, { type: T }> => candidate.type === type);
  if (!event) throw new Error(`The command produced no ${type} event`);
  return event;
}
