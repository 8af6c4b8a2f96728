import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { allowPrivateDestinations } from './destination-url';
import { type RunningStreaming, runStreaming } from './streaming-runner';

export const STREAMING_OPTIONS = Symbol('STREAMING_OPTIONS');

export interface StreamingOptions {
  /** Whether this process runs the delivery workers: where the projections run. */
  workers: boolean;
}

/** Starts the delivery workers with the application and stops them with it. */
@Injectable()
export class StreamingWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private running?: RunningStreaming;
  private readonly logger = new Logger('Streaming');

  constructor(
    @Inject(STREAMING_OPTIONS) private readonly options: StreamingOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.workers) return;
    const logger = { info: (message: string) => this.logger.log(message), error: (details: object, message: string) => this.logger.error(message, details) };
    this.running = runStreaming(this.store, this.pool, { logger, allowPrivate: allowPrivateDestinations() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}
