export * from './lib/activity.module';
export * from './lib/activity-cursor';
export * from './lib/activity-query.schema';
