export * from './browsing.commands';
export * from './browsing.decide';
export * from './browsing.events';
export * from './browsing.state';
