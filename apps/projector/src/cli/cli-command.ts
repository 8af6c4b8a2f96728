import { DEFAULT_REBUILD_BATCH_SIZE } from '@trailmark/projections';

export type CliCommand =
  | { kind: 'rebuild'; projections: string[]; batchSize: number; defaultFeedDays?: number }
  | { kind: 'reproject'; workspaceId: string; from: Date; to: Date; holdDays: number }
  | { kind: 'retention'; defaultFeedDays?: number };

export const USAGE = `Usage: npm run projections -- <command>

  rebuild <projection>... [--batch-size 5000]
      Replay each projection from the first event into new tables while the
      old ones keep serving, then swap them in. A rebuild that was stopped
      starts over when run again.
  rebuild --all [--batch-size 5000]
      Every projection, from one read of the event log, each swapped in when
      all have caught up. Retention is applied afterwards.
  reproject --workspace <id> --from <time> --to <time> [--hold-days 7]
      Put a workspace's activity feed rows for [from, to) back from the event
      store, and keep retention off them for --hold-days days.
  retention
      Apply the retention now; TRAILMARK_RETENTION_DAYS is the default for a
      workspace without its own retentionDays setting (unset: keep forever).`;

export class UsageError extends Error {}

const OPTIONS: Record<CliCommand['kind'], string[]> = {
  rebuild: ['all', 'batch-size'],
  reproject: ['workspace', 'from', 'to', 'hold-days'],
  retention: [],
};

/** The command named by the arguments; `known` are the projection names a rebuild may name. */
export function parseCliCommand(argv: readonly string[], known: readonly string[], env: Record<string, string | undefined>): CliCommand | 'help' {
  if (argv.length === 0 || argv.some((arg) => arg === '--help' || arg === '-h')) return 'help';
  const [kind, ...rest] = argv;
  if (!(kind in OPTIONS)) throw new UsageError(`Unknown command "${kind}"`);
  const { options, positional } = splitArguments(rest, OPTIONS[kind as CliCommand['kind']]);
  switch (kind as CliCommand['kind']) {
    case 'rebuild':
      return {
        kind: 'rebuild',
        projections: projectionNames(options.has('all'), positional, known),
        batchSize: whole(options.get('batch-size'), DEFAULT_REBUILD_BATCH_SIZE, '--batch-size'),
        defaultFeedDays: retentionDefault(env),
      };
    case 'reproject': {
      noPositional(positional);
      const workspaceId = options.get('workspace');
      if (!workspaceId) throw new UsageError('--workspace is required');
      const [from, to] = [instant(options.get('from'), '--from'), instant(options.get('to'), '--to')];
      if (from >= to) throw new UsageError('--from must be before --to');
      return { kind: 'reproject', workspaceId, from, to, holdDays: whole(options.get('hold-days'), 7, '--hold-days') };
    }
    case 'retention':
      noPositional(positional);
      return { kind: 'retention', defaultFeedDays: retentionDefault(env) };
  }
}

function splitArguments(args: readonly string[], allowed: string[]): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) {
      positional.push(args[i]);
      continue;
    }
    if (!allowed.includes(match[1])) throw new UsageError(`Unknown option ${args[i]}`);
    const value = match[1] === 'all' ? 'true' : (match[2] ?? args[++i]);
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    options.set(match[1], value);
  }
  return { options, positional };
}

function projectionNames(all: boolean, named: string[], known: readonly string[]): string[] {
  if (all && named.length > 0) throw new UsageError('Name projections or give --all, not both');
  if (all) return [...known];
  if (named.length === 0) throw new UsageError(`Name a projection to rebuild (${known.join(', ')}) or give --all`);
  const unknown = named.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`Unknown projection ${unknown.map((name) => `"${name}"`).join(', ')}; known: ${known.join(', ')}`);
  return [...new Set(named)];
}

/** TRAILMARK_RETENTION_DAYS: days of feed a workspace without its own setting keeps; unset keeps it forever. */
function retentionDefault(env: Record<string, string | undefined>): number | undefined {
  const days = env['TRAILMARK_RETENTION_DAYS']?.trim();
  return days ? whole(days, 0, 'TRAILMARK_RETENTION_DAYS') : undefined;
}

function noPositional(positional: string[]): void {
  if (positional.length > 0) throw new UsageError(`Unexpected argument ${positional[0]}`);
}

function whole(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`${name} must be a whole number of at least 1, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function instant(raw: string | undefined, name: string): Date {
  if (raw === undefined) throw new UsageError(`${name} is required`);
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at.getTime())) throw new UsageError(`${name} must be an ISO 8601 date or time, got ${JSON.stringify(raw)}`);
  return at;
}
