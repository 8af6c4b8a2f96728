export * from './lib/projection';
export * from './lib/checkpoints';
export * from './lib/batches';
export * from './lib/projection-runner';
export * from './lib/directory/directory.projection';
export * from './lib/activity-feed/activity-feed.projection';
export * from './lib/all-projections';
export type { ActivityFeedRow } from './lib/activity-feed/activity-feed-row';
