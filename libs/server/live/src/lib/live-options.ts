import type { LiveRedisClient } from './live-redis';
import type { LiveSettings } from './live-settings';

export const LIVE_OPTIONS = Symbol('LIVE_OPTIONS');
export const LIVE_SETTINGS = Symbol('LIVE_SETTINGS');

export interface LiveModuleOptions {
  /**
   * REDIS_URL's clients. Without them this process follows the feed itself
   * and serves only its own sockets. With them the api nodes share rooms
   * through the streams adapter (`adapter`, see LiveIoAdapter) and batches
   * arrive through Redis; `emitter` (a fail-fast client) is given only where
   * projections run, to publish them.
   */
  redis?: { adapter: LiveRedisClient; emitter?: LiveRedisClient };
  settings?: Partial<LiveSettings>;
}
