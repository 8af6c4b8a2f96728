import { Inject, Injectable, Logger } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { type ActivityDetail, toActivityDetail } from './activity-detail';
import type { ActivityAudience } from './activity-filter.sql';
import { FEED_COLUMNS, type FeedRow, toActivityItem } from './activity-item';
import { eventAtPosition } from './event-at-position';

/** One event in full: its feed row, plus the stored event for what the row leaves out (revision, correlation, user agent, hashes). */
@Injectable()
export class ActivityDetailReader {
  private readonly logger = new Logger(ActivityDetailReader.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Undefined when the audience may not see the event, or there is none with this id. */
  async detail({ workspaceId, actorId }: ActivityAudience, eventId: string): Promise<ActivityDetail | undefined> {
    const { rows } = await this.pool.query<FeedRow>(
      `SELECT ${FEED_COLUMNS} FROM activity_feed WHERE workspace_id = $1 AND event_id = $2 AND ($3::text IS NULL OR actor_id = $3)`,
      [workspaceId, eventId, actorId ?? null],
    );
    if (rows.length === 0) return undefined;
    const item = toActivityItem(rows[0]);
    return toActivityDetail(item, await this.storedEvent(item.streamName, item.position, item.eventId));
  }

  /** The feed row still answers when the store cannot: a detail without its revision beats an error. */
  private async storedEvent(streamName: string, position: string, eventId: string): Promise<RecordedEvent | undefined> {
    try {
      return await eventAtPosition(this.store, streamName, position, eventId);
    } catch (error) {
      this.logger.warn(`Could not read event ${eventId} from ${streamName}: ${String(error)}`);
      return undefined;
    }
  }
}
