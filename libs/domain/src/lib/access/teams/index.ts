export * from './team.commands';
export * from './team.decide';
export * from './team.events';
export * from './team.state';
