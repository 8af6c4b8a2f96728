export * from './streaming-destination.commands';
export * from './streaming-destination.decide';
export * from './streaming-destination.events';
export * from './streaming-destination.state';
