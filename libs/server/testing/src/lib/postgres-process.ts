import { startEmbeddedPostgres } from '@trailmark/database';
import { READY } from './test-postgres';

/**
 * Child process that runs one test cluster: prints its URL as a JSON line,
 * and stops the cluster when its parent closes stdin or exits.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const running = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: false });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= running.stop().finally(() => process.exit(0)));
  process.stdin.on('end', stop).on('close', stop).resume();
  process.on('SIGTERM', stop).on('SIGINT', stop);
  process.stdout.write(`${READY}${JSON.stringify({ url: running.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
