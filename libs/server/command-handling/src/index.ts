export * from './lib/command-handler';
export * from './lib/request-context';
export * from './lib/device';
