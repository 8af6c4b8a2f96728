export * from './impersonation.commands';
export * from './impersonation.decide';
export * from './impersonation.events';
export * from './impersonation.state';
