export * from './user-groups.commands';
export * from './user-groups.decide';
export * from './user-groups.events';
export * from './user-groups.state';
