export * from './audit-trail.commands';
export * from './audit-trail.decide';
export * from './audit-trail.events';
export * from './checkpoint.commands';
export * from './checkpoint.decide';
export * from './checkpoint.events';
export * from './checkpoint.state';
export * from './record-history';
