import { SingleBar, Presets } from 'cli-progress';

export interface Throughput {
  name: string;
  events: number;
  seconds: number;
  perSecond: number;
}

/**
 * Runs `writers` concurrent loops of `batches` calls each and reports events per
 * second, with a progress bar on stderr.
 */
export async function measureWriters(
  name: string,
  options: { writers: number; batches: number; batchSize: number },
  writeBatch: (writer: number, batch: number) => Promise<void>,
): Promise<Throughput> {
  const total = options.writers * options.batches * options.batchSize;
  const bar = progressBar(name, total);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      for (let batch = 0; batch < options.batches; batch += 1) {
        await writeBatch(writer, batch);
        bar.increment(options.batchSize);
      }
    }),
  );
  bar.stop();
  return result(name, total, started);
}

export function result(name: string, events: number, started: bigint): Throughput {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, events, seconds, perSecond: events / seconds };
}

export function progressBar(name: string, total: number): SingleBar {
  const bar = new SingleBar(
    { format: `${name.padEnd(28)} [{bar}] {percentage}% {value}/{total} events`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000 },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} events/s`;
}

/** A command-line option's value: `--batches 100` → "100". */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
