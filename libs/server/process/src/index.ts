export * from './lib/close-stack';
export * from './lib/shutdown-on-signals';
export * from './lib/create-logger';
export * from './lib/config-or-exit';
