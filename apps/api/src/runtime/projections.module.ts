import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import {
  activityOf,
  ALL_PROJECTIONS,
  PROJECTION_ACTIVITY,
  type ProjectionActivity,
  runProjection,
  type RunningProjection,
  type RunningRetention,
  startRetentionJob,
} from '@trailmark/projections';
import { PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';

const OPTIONS = Symbol('PROJECTIONS_OPTIONS');

export interface ProjectionsOptions {
  enabled: boolean;
  /** Default feed retention for workspaces without their own setting; unset keeps everything. */
  retentionDays?: number;
}

/** The runners this process started, for /health and /metrics to ask which ones hold their lock. */
@Injectable()
class ProjectionRunners implements ProjectionActivity {
  running: RunningProjection[] = [];

  isActive(projection: string): boolean {
    return activityOf(this.running).isActive(projection);
  }
}

/**
 * Runs every projection inside the API process (the embedded default). With
 * TRAILMARK_PROJECTIONS=off a separate projector process runs them instead,
 * and this process provides no PROJECTION_ACTIVITY.
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private retention?: RunningRetention;

  static register(options: ProjectionsOptions): DynamicModule {
    const activity = options.enabled ? [{ provide: PROJECTION_ACTIVITY, useExisting: ProjectionRunners }] : [];
    return {
      module: ProjectionsModule,
      global: true,
      providers: [{ provide: OPTIONS, useValue: options }, ProjectionRunners, ...activity],
      exports: activity.map((provider) => provider.provide),
    };
  }

  constructor(
    @Inject(OPTIONS) private readonly options: ProjectionsOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly runners: ProjectionRunners,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('Projections');
  }

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    const logger = { info: (message: string) => this.logger.info(message), error: (details: object, message: string) => this.logger.error(details, message) };
    this.runners.running = ALL_PROJECTIONS.map((projection) => runProjection(this.store, this.pool, projection, { logger }));
    this.retention = startRetentionJob(this.pool, { defaultFeedDays: this.options.retentionDays, logger });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.retention?.stop();
    await Promise.all(this.runners.running.map((projection) => projection.stop()));
    this.runners.running = [];
  }
}
