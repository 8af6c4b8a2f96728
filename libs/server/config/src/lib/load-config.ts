import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';
import { envSchema, SECRET_VARIABLES, type LogLevel } from './config.schema';
import { redactUrl } from './redact-url';

export interface TrailmarkConfig {
  /** HTTP port. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** External Postgres; when absent the embedded Postgres runs. */
  databaseUrl?: string;
  /** EventStoreDB as the event store; when absent events live in Postgres. */
  eventStoreConnectionString?: string;
  /** Absolute directory for local state (the embedded Postgres cluster). */
  dataDir: string;
  redisUrl?: string;
  logLevel: LogLevel;
  embeddedPostgresPort: number;
  /** Whether this process runs the projections. */
  projections: boolean;
  /** The first owner, created on first start; generated when absent. */
  ownerEmail?: string;
  ownerPassword?: string;
  /** Consecutive failed sign-ins that lock an account. */
  lockoutThreshold: number;
  /** Days the hot read models keep a workspace's activity when its own setting is absent; unset keeps it forever. */
  retentionDays?: number;
  /** Where alert mail goes out (TRAILMARK_SMTP_URL) and its sender; no email channel when absent. */
  smtp?: { url: string; from: string };
}

export interface LoadConfigOptions {
  /** Base for a relative TRAILMARK_DATA_DIR; defaults to the working directory. */
  cwd?: string;
}

/**
 * Reads and validates the environment. Blank values count as unset. Throws a
 * `ConfigError` listing every invalid variable; secrets are never echoed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): TrailmarkConfig {
  const present = withoutBlanks(env);
  const result = envSchema(options.cwd ?? process.cwd()).safeParse(present);
  if (!result.success) {
    throw new ConfigError(problems(result.error, present));
  }
  const vars = result.data;
  return {
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL,
    eventStoreConnectionString: vars.EVENTSTORE_CONNECTION_STRING,
    dataDir: vars.TRAILMARK_DATA_DIR,
    redisUrl: vars.REDIS_URL,
    logLevel: vars.LOG_LEVEL,
    embeddedPostgresPort: vars.TRAILMARK_EMBEDDED_PG_PORT,
    projections: vars.TRAILMARK_PROJECTIONS === 'on',
    ownerEmail: vars.TRAILMARK_OWNER_EMAIL,
    ownerPassword: vars.TRAILMARK_OWNER_PASSWORD,
    lockoutThreshold: vars.TRAILMARK_LOCKOUT_THRESHOLD,
    retentionDays: vars.TRAILMARK_RETENTION_DAYS,
    smtp: vars.TRAILMARK_SMTP_URL ? { url: vars.TRAILMARK_SMTP_URL, from: vars.TRAILMARK_MAIL_FROM } : undefined,
  };
}

function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  const entries = Object.entries(env).flatMap(([name, value]) => {
    const trimmed = value?.trim();
    return trimmed ? [[name, trimmed] as const] : [];
  });
  return Object.fromEntries(entries);
}

function problems(error: z.ZodError, env: Record<string, string>): ConfigProblem[] {
  const byVariable = new Map<string, ConfigProblem>();
  for (const issue of error.issues) {
    const variable = String(issue.path[0]);
    if (!byVariable.has(variable)) {
      byVariable.set(variable, { variable, reason: `${issue.message} (got ${shown(variable, env[variable])})` });
    }
  }
  return [...byVariable.values()];
}

function shown(variable: string, value: string): string {
  if (!SECRET_VARIABLES.has(variable)) {
    return JSON.stringify(value);
  }
  const redacted = redactUrl(value);
  return redacted === undefined ? 'a value that is not shown because it may hold a secret' : JSON.stringify(redacted);
}
