export * from './record.commands';
export * from './record.decide';
export * from './record.events';
export * from './record.state';
