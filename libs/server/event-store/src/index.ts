export * from './lib/event-store.port';
export * from './lib/errors';
export * from './lib/position';
export * from './lib/hash-chain';
export * from './lib/verify-stream';
export * from './lib/postgres-event-store';
export * from './lib/eventstoredb-event-store';
export * from './lib/create-event-store';
