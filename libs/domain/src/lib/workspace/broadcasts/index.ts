export * from './broadcast.commands';
export * from './broadcast.decide';
export * from './broadcast.events';
export * from './broadcast.state';
