import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { eventMetadata, handleCommand, type RequestContext } from '@trailmark/command-handling';
import { PG_POOL } from '@trailmark/database';
import { STREAMING_DELIVERY_EVENT_TYPES, streamingDestinationDecider, type StreamingDestinationCommand, type StreamingDestinationEvent } from '@trailmark/domain';
import { EVENT_STORE, type EventStore, type Position } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { type DeliveryProgress, deliveryProgress } from './delivery-log';
import { destinationStream, destinationStreamPrefix } from './destination-streams';
import { applyLifecycleEvent, type DestinationView, LIFECYCLE_EVENT_TYPES } from './destination-views';

export interface DestinationStatus extends DestinationView {
  delivery: DeliveryProgress;
  /** Events of the workspace this destination takes that are not delivered yet (from the activity feed; at most 10,000). */
  pendingEvents: number;
}

const NOT_STARTED: DeliveryProgress = { position: null, deliveredEvents: 0, lastSuccessAt: null, lastError: null, failing: false };
const PAGE = 500;

/**
 * Destinations folded from their own streams (a workspace has few), with
 * their delivery progress, and the write path of the routes.
 */
@Injectable()
export class StreamingDestinations {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async list(workspaceId: string): Promise<DestinationStatus[]> {
    const views = new Map<string, DestinationView>();
    const filter = { streamPrefixes: [destinationStreamPrefix(workspaceId)], eventTypes: LIFECYCLE_EVENT_TYPES };
    for (let after: Position | undefined; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter });
      page.forEach((event) => applyLifecycleEvent(views, event));
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    const progress = await deliveryProgress(this.pool, workspaceId);
    return Promise.all([...views.values()].map((view) => this.withStatus(view, progress.get(view.destinationId) ?? NOT_STARTED)));
  }

  /** The destination with its status; 404 when it is not one of the workspace's live destinations. */
  async get(workspaceId: string, destinationId: string): Promise<DestinationStatus> {
    const views = new Map<string, DestinationView>();
    (await this.store.readStream(destinationStream(workspaceId, destinationId))).forEach((event) => applyLifecycleEvent(views, event));
    const view = views.get(destinationId);
    if (!view) throw new NotFoundException(`Streaming destination ${destinationId} does not exist in this workspace`);
    const progress = await deliveryProgress(this.pool, workspaceId);
    return this.withStatus(view, progress.get(destinationId) ?? NOT_STARTED);
  }

  async handle(workspaceId: string, destinationId: string, command: StreamingDestinationCommand, context: RequestContext): Promise<StreamingDestinationEvent[]> {
    const { events } = await handleCommand(this.store, destinationStream(workspaceId, destinationId), streamingDestinationDecider, command, {
      metadata: () => eventMetadata(context),
    });
    return events;
  }

  private async withStatus(view: DestinationView, delivery: DeliveryProgress): Promise<DestinationStatus> {
    return { ...view, delivery, pendingEvents: await this.pending(view, delivery.position) };
  }

  private async pending({ workspaceId, categories, eventTypes }: DestinationView, after: string | null): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM (
         SELECT 1 FROM activity_feed
         WHERE workspace_id = $1 AND ($2::text IS NULL OR position > $2) AND event_type <> ALL($3)
           AND (cardinality($4::text[]) + cardinality($5::text[]) = 0 OR category = ANY($4) OR event_type = ANY($5))
         LIMIT 10000) pending`,
      [workspaceId, after, STREAMING_DELIVERY_EVENT_TYPES, categories, eventTypes],
    );
    return Number(rows[0].count);
  }
}
