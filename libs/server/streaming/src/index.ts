export * from './lib/streaming.module';
export * from './lib/streaming-runner';
export type { StreamingOptions } from './lib/streaming-workers';
export type { WorkerOptions } from './lib/destination-worker';
export { allowPrivateDestinations, ALLOW_PRIVATE_ENV } from './lib/destination-url';
export { verifySignature, SIGNATURE_HEADER } from './lib/signature';
