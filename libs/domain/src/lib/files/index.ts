export * from './file.commands';
export * from './file.decide';
export * from './file.events';
export * from './file.state';
