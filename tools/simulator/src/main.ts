import { parseCliOptions, USAGE, UsageError } from './cli-options';
import { runSimulator } from './run-simulator';

/** `npm run simulate -- --url http://localhost:3000 --key <api key> --rate 20 --duration 60` */
async function main(): Promise<number> {
  let options: ReturnType<typeof parseCliOptions>;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env, () => Math.floor(Math.random() * 2 ** 31));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => {
    stop.abort();
    // A second Ctrl-C does not wait for the queue.
    process.once('SIGINT', () => process.exit(130));
  });
  const { url, rate, durationSeconds, seed } = options;
  console.log(`Sending ${rate} events/s to ${url} ${durationSeconds > 0 ? `for ${durationSeconds}s` : 'until Ctrl-C'} (seed ${seed}; --seed ${seed} replays this run)`);
  const summary = await runSimulator({ ...options, signal: stop.signal, log: (line) => console.log(line) });
  return summary.stoppedBy === 'refused' || summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
