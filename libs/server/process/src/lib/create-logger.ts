import pino, { type Logger } from 'pino';
import type { LogLevel } from '@trailmark/config';

/** Request headers that carry credentials; never written to the logs. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** The process-wide structured JSON logger, shared by startup code, Nest and pino-http. */
export function createLogger(level: LogLevel, name: string): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}
