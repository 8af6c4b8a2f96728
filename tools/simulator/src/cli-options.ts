export interface CliOptions {
  url: string;
  apiKey: string;
  /** Events per second. */
  rate: number;
  /** Seconds; 0 runs until Ctrl-C. */
  durationSeconds: number;
  seed: number;
}

export const USAGE = `Usage: npm run simulate -- --url <api url> --key <api key> [--rate 20] [--duration 60] [--seed <n>]

  --url        Trailmark API base URL (or TRAILMARK_URL), e.g. http://localhost:3000
  --key        workspace ingestion API key (or TRAILMARK_API_KEY)
  --rate       events per second (default 20)
  --duration   seconds to run; 0 runs until Ctrl-C (default 60)
  --seed       replay the same story (default: a new one each run)`;

export class UsageError extends Error {}

/** `--name value` or `--name=value`; the URL and key may also come from the environment. */
export function parseCliOptions(argv: readonly string[], env: Record<string, string | undefined>, randomSeed: () => number): CliOptions | 'help' {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !['url', 'key', 'rate', 'duration', 'seed'].includes(match[1])) throw new UsageError(`Unknown argument ${arg}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    values.set(match[1], value);
  }
  const url = values.get('url') ?? env['TRAILMARK_URL'];
  const apiKey = values.get('key') ?? env['TRAILMARK_API_KEY'];
  if (!url || !/^https?:\/\//.test(url)) throw new UsageError('--url (or TRAILMARK_URL) must be an http(s) URL');
  if (!apiKey) throw new UsageError('--key (or TRAILMARK_API_KEY) is required');
  return {
    url,
    apiKey,
    rate: numberOption(values.get('rate'), 20, 'rate', (n) => n > 0),
    durationSeconds: numberOption(values.get('duration'), 60, 'duration', (n) => n >= 0),
    seed: numberOption(values.get('seed'), randomSeed(), 'seed', (n) => Number.isInteger(n) && n >= 0),
  };
}

function numberOption(raw: string | undefined, fallback: number, name: string, valid: (n: number) => boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !valid(value)) throw new UsageError(`--${name} must be a valid number, got ${JSON.stringify(raw)}`);
  return value;
}
