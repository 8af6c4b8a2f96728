export * from './lib/decider';
export * from './lib/identity';
export * from './lib/workspace';
export * from './lib/access';
export * from './lib/records';
export * from './lib/files';
export * from './lib/browsing';
export * from './lib/activity';
