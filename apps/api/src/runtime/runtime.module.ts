import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { RUNTIME_INFO, type RuntimeInfo } from './runtime-info';

export interface RuntimeResources {
  pool: Pool;
  eventStore: EventStore;
  info: RuntimeInfo;
}

/**
 * Makes the resources opened by `main` injectable everywhere: the pg pool
 * under `PG_POOL`, the event store under `EVENT_STORE`. `main` owns their
 * lifetime and closes them after the Nest application.
 */
@Global()
@Module({})
export class RuntimeModule {
  static register({ pool, eventStore, info }: RuntimeResources): DynamicModule {
    const providers = [
      { provide: PG_POOL, useValue: pool },
      { provide: EVENT_STORE, useValue: eventStore },
      { provide: RUNTIME_INFO, useValue: info },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}
