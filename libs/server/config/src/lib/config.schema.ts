import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Variables whose values may hold credentials: shown only redacted. */
export const SECRET_VARIABLES = new Set(['DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING', 'REDIS_URL', 'TRAILMARK_OWNER_PASSWORD', 'TRAILMARK_SMTP_URL']);

const EVENTSTORE_SCHEMES = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\/[^/\s]+/;

function portNumber(fallback: number) {
  const message = 'must be an integer between 1 and 65535';
  return z
    .string()
    .regex(/^\d{1,5}$/, message)
    .transform(Number)
    .pipe(z.number().min(1, message).max(65535, message))
    .default(fallback);
}

function urlWithScheme(schemes: string[], message: string) {
  return z.string().refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, message);
}

function lowerCase<T extends z.ZodType<unknown, string>>(schema: T) {
  return z.string().toLowerCase().pipe(schema);
}

/** EventStoreDB was renamed KurrentDB; the 6.x client only parses the esdb schemes. */
function toEsdbScheme(connectionString: string): string {
  return connectionString.replace(/^kurrentdb/, 'esdb');
}

export function envSchema(cwd: string) {
  return z.object({
    PORT: portNumber(3000),
    HOST: z.string().regex(/^\S+$/, 'must be a host name or IP address without spaces').default('0.0.0.0'),
    DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'must be a postgres:// or postgresql:// URL').optional(),
    EVENTSTORE_CONNECTION_STRING: z
      .string()
      .regex(EVENTSTORE_SCHEMES, 'must start with esdb://, esdb+discover:// or kurrentdb:// followed by a host')
      .transform(toEsdbScheme)
      .optional(),
    TRAILMARK_DATA_DIR: z
      .string()
      .default('.data')
      .transform((dir) => (isAbsolute(dir) ? dir : resolve(cwd, dir))),
    REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'must be a redis:// or rediss:// URL').optional(),
    LOG_LEVEL: lowerCase(z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)).default('info'),
    TRAILMARK_EMBEDDED_PG_PORT: portNumber(54329),
    TRAILMARK_PROJECTIONS: lowerCase(z.enum(['on', 'off'], 'must be "on" or "off"')).default('on'),
    TRAILMARK_OWNER_EMAIL: z.email('must be an email address').optional(),
    TRAILMARK_OWNER_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    TRAILMARK_LOCKOUT_THRESHOLD: z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number of failed sign-ins between 1 and 100')
      .transform(Number)
      .pipe(z.number().min(1, 'must be at least 1').max(100, 'must be at most 100'))
      .default(5),
    TRAILMARK_RETENTION_DAYS: z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number of days between 1 and 36500')
      .transform(Number)
      .pipe(z.number().min(1, 'must be at least 1').max(36500, 'must be at most 36500'))
      .optional(),
    TRAILMARK_SMTP_URL: urlWithScheme(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL').optional(),
    TRAILMARK_MAIL_FROM: z.email('must be an email address').default('trailmark@localhost'),
  });
}

export type ConfigVariable = keyof z.input<ReturnType<typeof envSchema>>;
