import { type DynamicModule, Module } from '@nestjs/common';
import { AuthGuardsModule } from '@trailmark/auth';
import { LiveAccess } from './live-access';
import { LiveHub } from './live-hub';
import { LIVE_OPTIONS, LIVE_SETTINGS, type LiveModuleOptions } from './live-options';
import { LivePublishing } from './live-publishing';
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live-settings';
import { LiveSubscriber } from './live-subscriber';
import { LiveGateway } from './live.gateway';

/**
 * The `/live` Socket.IO namespace. Needs `PG_POOL` from a global module, the
 * activity-feed and stats projections running somewhere, and the app's
 * WebSocket adapter set to `LiveIoAdapter` (with the same Redis client when
 * `options.redis` is given).
 */
@Module({})
export class LiveModule {
  static register(options: LiveModuleOptions = {}): DynamicModule {
    return {
      module: LiveModule,
      imports: [AuthGuardsModule],
      providers: [
        { provide: LIVE_OPTIONS, useValue: options },
        { provide: LIVE_SETTINGS, useValue: { ...DEFAULT_LIVE_SETTINGS, ...options.settings } },
        { provide: LiveHub, useFactory: (settings: LiveSettings) => new LiveHub(settings.maxBufferedBytes), inject: [LIVE_SETTINGS] },
        LiveAccess,
        LiveSubscriber,
        LivePublishing,
        LiveGateway,
      ],
    };
  }
}
