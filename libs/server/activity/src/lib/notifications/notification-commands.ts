import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { eventMetadata, type Handled, handleCommand, type RequestContext } from '@trailmark/command-handling';
import { PG_POOL } from '@trailmark/database';
import type { Command, Decider, DomainEvent } from '@trailmark/domain';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { waitForCheckpoint } from '@trailmark/projections';
import type { Pool } from 'pg';

/** Decide, append with the request's metadata, and answer once `projection` holds the change, so the next read sees it. */
@Injectable()
export class NotificationCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async handle<S, C extends Command, E extends DomainEvent>(stream: string, decider: Decider<S, C, E>, command: C, context: RequestContext, projection: string): Promise<Handled<S, E>> {
    const handled = await handleCommand(this.store, stream, decider, command, { metadata: () => eventMetadata(context) });
    if (handled.append && !(await waitForCheckpoint(this.pool, projection, handled.append.position))) {
      throw new ServiceUnavailableException(`Recorded, but the ${projection} read model has not caught up yet; read again shortly`);
    }
    return handled;
  }
}
