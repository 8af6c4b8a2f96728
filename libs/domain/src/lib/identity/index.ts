export * from './user-account.commands';
export * from './user-account.decide';
export * from './user-account.events';
export * from './user-account.state';
export * from './impersonation';
