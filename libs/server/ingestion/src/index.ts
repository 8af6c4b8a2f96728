export * from './lib/api-key';
export * from './lib/api-key.guard';
export * from './lib/api-keys.repository';
export * from './lib/ingestion-body-parser';
export * from './lib/ingestion.module';
export * from './lib/ingestion.options';
export * from './lib/ingest-rate-limiter';
