export * from './lib/embedded-postgres';
export * from './lib/data-source';
export * from './lib/runtime-database';
export * from './lib/runtime-pg-pool';
export type { RuntimeLogger } from './lib/runtime-logger';
