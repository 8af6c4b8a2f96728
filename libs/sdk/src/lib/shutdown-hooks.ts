export interface ShutdownHookOptions {
  signals?: NodeJS.Signals[];
  /** Passed to `shutdown`: how long a signal waits for delivery. Default 10 000 ms. */
  timeoutMs?: number;
  processRef?: Pick<NodeJS.Process, 'on' | 'off' | 'listenerCount' | 'kill' | 'pid'>;
}

/**
 * Shuts the client down on beforeExit (the event loop ran dry with events
 * still queued) and on the given signals. After a signal, if no one else
 * listens for it, the signal is raised again so the process ends the way it
 * would have without us; if the host has its own handler, the host decides.
 * A second signal while shutting down does the same at once.
 */
export function installShutdownHooks(
  client: { shutdown(options?: { timeoutMs?: number }): Promise<void> },
  { signals = ['SIGTERM', 'SIGINT'], timeoutMs = 10_000, processRef = process }: ShutdownHookOptions = {},
): () => void {
  let signalled = false;
  const onBeforeExit = () => void client.shutdown();
  const raise = (signal: NodeJS.Signals) => {
    const alone = processRef.listenerCount(signal) === 1;
    uninstall();
    if (alone) processRef.kill(processRef.pid, signal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal means "stop waiting".
    if (signalled) return raise(signal);
    signalled = true;
    void client.shutdown({ timeoutMs }).finally(() => raise(signal));
  };
  const uninstall = () => {
    processRef.off('beforeExit', onBeforeExit);
    for (const signal of signals) processRef.off(signal, onSignal);
  };
  processRef.on('beforeExit', onBeforeExit);
  for (const signal of signals) processRef.on(signal, onSignal);
  return uninstall;
}
