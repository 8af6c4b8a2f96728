export * from './alert-rule.commands';
export * from './alert-rule.decide';
export * from './alert-rule.events';
export * from './alert-rule.state';
export * from './alert.events';
export * from './notification-inbox.decide';
export * from './alert-match';
