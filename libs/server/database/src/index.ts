export * from './lib/embedded-postgres';
export * from './lib/data-source';
