import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';
import { LiveHub } from './live-hub';
import { LIVE_OPTIONS, LIVE_SETTINGS, type LiveModuleOptions } from './live-options';
import { type RunningPublisher, startLivePublisher } from './live-publisher';
import type { LiveSettings } from './live-settings';
import { redisStreamsEmitter } from './redis-streams.emitter';

/**
 * Runs this process's publisher: straight into its own hub without Redis;
 * through Redis, as the one active publisher, where it was given an emitter.
 */
@Injectable()
export class LivePublishing implements OnApplicationBootstrap, OnApplicationShutdown {
  private publisher?: RunningPublisher;

  constructor(
    @Inject(LIVE_OPTIONS) private readonly options: LiveModuleOptions,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly hub: LiveHub,
  ) {}

  onApplicationBootstrap(): void {
    const { redis } = this.options;
    if (redis && !redis.emitter) return;
    const logger = new Logger('LivePublisher');
    this.publisher = startLivePublisher({
      pool: this.pool,
      send: redis?.emitter ? redisStreamsEmitter(redis.emitter) : (batch) => this.hub.receive(batch),
      exclusive: redis !== undefined,
      heartbeatMs: this.settings.heartbeatMs,
      logger: { info: (message) => logger.log(message), warn: ({ err }: { err?: Error }, message) => logger.warn(`${message}: ${err?.message}`) },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher?.stop();
  }
}
