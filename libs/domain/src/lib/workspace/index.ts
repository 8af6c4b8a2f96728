export * from './workspace-role';
export * from './workspace-permissions';
export * from './workspace.commands';
export * from './workspace.decide';
export * from './workspace.events';
export * from './workspace.state';
export * from './webhooks';
export * from './broadcasts';
