export * from './lib/live.module';
export * from './lib/live-io.adapter';
export type { LiveModuleOptions } from './lib/live-options';
export { DEFAULT_LIVE_SETTINGS, type LiveSettings, liveSettings } from './lib/live-settings';
export { connectRedis, type LiveRedisClient } from './lib/live-redis';
export { type RunningPublisher, startLivePublisher } from './lib/live-publisher';
export { LIVE_STREAM, redisStreamsEmitter } from './lib/redis-streams.emitter';
export type { LiveBatch } from './lib/live-batch';
