export * from './lib/envelope';
export * from './lib/stream-name';
export * from './lib/catalogue/catalogue.types';
