export type AuditCommand =
  | { kind: 'replay-stream'; workspaceId: string; streamName: string; fromRevision: number; limit?: number }
  | { kind: 'replay-window'; workspaceId: string; from?: Date; to?: Date; limit?: number }
  | { kind: 'verify'; workspaceId?: string; streamName?: string }
  | { kind: 'checkpoint'; workspaceId?: string }
  | { kind: 'export'; workspaceId: string; selection: { kind: 'window'; from: string; to: string } | { kind: 'streams'; streams: string[] }; out: string }
  | { kind: 'verify-bundle'; file: string; publicKeyFile?: string }
  | { kind: 'public-key' };

export const USAGE = `Usage: npm run audit -- <command>

  replay --workspace <id> --stream <name> [--from-revision 0] [--limit <n>]
      Print a stream's events, one JSON object a line, with full metadata.
  replay --workspace <id> [--from <time>] [--to <time>] [--limit <n>]
      Print the workspace's events recorded in [from, to), in global order.
  verify --workspace <id> [--stream <name>]
  verify --all
      Verify the hash chains of a stream, a workspace or every stream, and
      the heads against the signed checkpoints, with a progress bar. Exits
      with 1 when something was changed, removed, reordered or truncated.
  checkpoint --workspace <id>
  checkpoint --all
      Sign a checkpoint over the heads of the workspace's streams now.
  export --workspace <id> (--from <time> --to <time> | --stream <name>...) --out <file>
      Write an evidence bundle: the events, their chain, the checkpoints and
      the public key, in one signed NDJSON file.
  verify-bundle <file> [--public-key <pem file>]
      Verify an evidence bundle offline, without a database; with
      --public-key, only a bundle signed by that key passes. Exits with 1
      and says what fails when it does not verify.
  public-key
      Print the public key that signs checkpoints and bundles, and its id.

Every replay, verification and export is recorded as an event by the actor
"Audit CLI". TRAILMARK_SIGNING_KEY or the key file under TRAILMARK_DATA_DIR
is the signing key, as for the API.`;

export class UsageError extends Error {}

const OPTIONS: Record<string, string[]> = {
  replay: ['workspace', 'stream', 'from-revision', 'limit', 'from', 'to'],
  verify: ['workspace', 'stream', 'all'],
  checkpoint: ['workspace', 'all'],
  export: ['workspace', 'from', 'to', 'stream', 'out'],
  'verify-bundle': ['public-key'],
  'public-key': [],
};

const FLAGS = new Set(['all']);

/** The command named by the arguments, or 'help'. */
export function parseAuditCommand(argv: readonly string[]): AuditCommand | 'help' {
  if (argv.length === 0 || argv.some((arg) => arg === '--help' || arg === '-h')) return 'help';
  const [kind, ...rest] = argv;
  if (!Object.hasOwn(OPTIONS, kind)) throw new UsageError(`Unknown command "${kind}"`);
  const { options, positional } = splitArguments(rest, OPTIONS[kind]);
  const one = (name: string) => options.get(name)?.at(-1);
  if (kind !== 'verify-bundle' && positional.length > 0) throw new UsageError(`Unexpected argument ${positional[0]}`);
  switch (kind) {
    case 'replay': {
      const workspaceId = required(one('workspace'), '--workspace');
      const limit = optionalWhole(one('limit'), '--limit', 1);
      const streamName = one('stream');
      if (streamName !== undefined) {
        if (one('from') !== undefined || one('to') !== undefined) throw new UsageError('Give either --stream or --from/--to');
        return { kind: 'replay-stream', workspaceId, streamName, fromRevision: optionalWhole(one('from-revision'), '--from-revision', 0) ?? 0, limit };
      }
      if (one('from-revision') !== undefined) throw new UsageError('--from-revision goes with --stream');
      const [from, to] = [optionalInstant(one('from'), '--from'), optionalInstant(one('to'), '--to')];
      if (from && to && from >= to) throw new UsageError('--from must be before --to');
      return { kind: 'replay-window', workspaceId, from, to, limit };
    }
    case 'verify':
    case 'checkpoint': {
      const workspaceId = one('workspace');
      if (options.has('all') === (workspaceId !== undefined)) throw new UsageError('Give either --workspace or --all');
      if (kind === 'checkpoint') return { kind, workspaceId };
      const streamName = one('stream');
      if (streamName !== undefined && workspaceId === undefined) throw new UsageError('--stream goes with --workspace');
      return { kind, workspaceId, streamName };
    }
    case 'export': {
      const workspaceId = required(one('workspace'), '--workspace');
      const out = required(one('out'), '--out');
      const streams = options.get('stream');
      if (streams && (one('from') !== undefined || one('to') !== undefined)) throw new UsageError('Give either --stream or --from and --to');
      if (streams) return { kind, workspaceId, out, selection: { kind: 'streams', streams: [...new Set(streams)] } };
      const [from, to] = [optionalInstant(required(one('from'), '--from'), '--from'), optionalInstant(required(one('to'), '--to'), '--to')] as [Date, Date];
      if (from >= to) throw new UsageError('--from must be before --to');
      return { kind, workspaceId, out, selection: { kind: 'window', from: from.toISOString(), to: to.toISOString() } };
    }
    case 'verify-bundle': {
      if (positional.length !== 1) throw new UsageError('Name one bundle file to verify');
      return { kind, file: positional[0], publicKeyFile: one('public-key') };
    }
    case 'public-key':
      return { kind };
    default:
      throw new UsageError(`Unknown command "${kind}"`);
  }
}

function splitArguments(args: readonly string[], allowed: string[]): { options: Map<string, string[]>; positional: string[] } {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) {
      positional.push(args[i]);
      continue;
    }
    if (!allowed.includes(match[1])) throw new UsageError(`Unknown option ${args[i]}`);
    const value = FLAGS.has(match[1]) ? 'true' : (match[2] ?? args[++i]);
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    options.set(match[1], [...(options.get(match[1]) ?? []), value]);
  }
  return { options, positional };
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`${name} is required`);
  return value;
}

function optionalWhole(raw: string | undefined, name: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function optionalInstant(raw: string | undefined, name: string): Date | undefined {
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at.getTime())) throw new UsageError(`${name} must be an ISO 8601 date or time, got ${JSON.stringify(raw)}`);
  return at;
}
