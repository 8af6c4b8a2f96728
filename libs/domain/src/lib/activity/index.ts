export * from './activity.commands';
export * from './activity.decide';
export * from './activity.events';
export * from './activity.state';
export * from './host-values';
