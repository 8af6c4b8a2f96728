import { type DynamicModule, Module } from '@nestjs/common';
import { AuthGuardsModule } from '@trailmark/auth';
import { StreamingController } from './streaming.controller';
import { StreamingDestinations } from './streaming-destinations.service';
import { STREAMING_OPTIONS, type StreamingOptions, StreamingWorkers } from './streaming-workers';

/**
 * The `/api/workspaces/:ws/streaming/destinations` routes and, with
 * `workers: true`, the delivery workers (run them where the projections
 * run). Needs `PG_POOL` and `EVENT_STORE` from a global module.
 */
@Module({})
export class StreamingModule {
  static register(options: StreamingOptions): DynamicModule {
    return {
      module: StreamingModule,
      imports: [AuthGuardsModule],
      controllers: [StreamingController],
      providers: [{ provide: STREAMING_OPTIONS, useValue: options }, StreamingDestinations, StreamingWorkers],
    };
  }
}
