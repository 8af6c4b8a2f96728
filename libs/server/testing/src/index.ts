export * from './lib/test-postgres';
export * from './lib/test-pool';
export * from './lib/test-redis';
