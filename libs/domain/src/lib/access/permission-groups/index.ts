export * from './permission-group.commands';
export * from './permission-group.decide';
export * from './permission-group.events';
export * from './permission-group.state';
