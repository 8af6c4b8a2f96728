export * from './webhook.commands';
export * from './webhook.decide';
export * from './webhook.events';
export * from './webhook.state';
