export * from './host-event';
export * from './host-event.mapping';
export * from './iso-timestamp';
export * from './occurrence-flags';
