import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { loadConfig } from '@trailmark/config';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { PROJECTION_ACTIVITY, type ProjectionActivity, type RunningReactors, startNotificationReactors } from '@trailmark/projections';
import type { Pool } from 'pg';

/**
 * Runs the security, alert and mail reactors in this process when it runs the
 * projections (PROJECTION_ACTIVITY is provided), not in an API node of the
 * scale-out mode, where the projector runs them.
 */
@Injectable()
export class NotificationReactorsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NotificationReactors');
  private reactors?: RunningReactors;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Optional() @Inject(PROJECTION_ACTIVITY) private readonly projections?: ProjectionActivity,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.projections) return;
    const logger = { info: (message: string) => this.logger.log(message), error: (details: object, message: string) => this.logger.error(message, details) };
    this.reactors = startNotificationReactors(this.store, this.pool, { smtp: loadConfig().smtp, logger });
  }

  /**
   * Before the projections stop: the security reactor may be waiting for the
   * user-activity projection to reach its batch, which it then still can.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.reactors?.stop();
    this.reactors = undefined;
  }
}
