export * from './lib/load-config';
export * from './lib/config-error';
export * from './lib/redact-url';
export { LOG_LEVELS, type LogLevel } from './lib/config.schema';
