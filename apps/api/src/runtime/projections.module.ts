import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { ALL_PROJECTIONS, runProjection, type RunningProjection } from '@trailmark/projections';
import { PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';

const ENABLED = Symbol('PROJECTIONS_ENABLED');

/**
 * Runs every projection inside the API process (the embedded default). With
 * TRAILMARK_PROJECTIONS=off a separate projector process runs them instead.
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: RunningProjection[] = [];

  static register(enabled: boolean): DynamicModule {
    return { module: ProjectionsModule, providers: [{ provide: ENABLED, useValue: enabled }] };
  }

  constructor(
    @Inject(ENABLED) private readonly enabled: boolean,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('Projections');
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const logger = { info: (message: string) => this.logger.info(message), error: (details: object, message: string) => this.logger.error(details, message) };
    this.running = ALL_PROJECTIONS.map((projection) => runProjection(this.store, this.pool, projection, { logger }));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.map((projection) => projection.stop()));
    this.running = [];
  }
}
