import { parseAuditCommand, UsageError } from './cli-command';

describe('parseAuditCommand', () => {
  it('reads each command', () => {
    expect(parseAuditCommand(['replay', '--workspace', 'ws1', '--stream', 'ticket-ws1.T-1', '--from-revision', '3', '--limit', '10'])).toEqual({
      kind: 'replay-stream',
      workspaceId: 'ws1',
      streamName: 'ticket-ws1.T-1',
      fromRevision: 3,
      limit: 10,
    });
    expect(parseAuditCommand(['replay', '--workspace=ws1', '--from', '2026-01-01', '--to', '2026-01-02T12:00:00Z'])).toEqual({
      kind: 'replay-window',
      workspaceId: 'ws1',
      from: new Date('2026-01-01T00:00:00.000Z'),
      to: new Date('2026-01-02T12:00:00.000Z'),
      limit: undefined,
    });
    expect(parseAuditCommand(['verify', '--all'])).toEqual({ kind: 'verify', workspaceId: undefined, streamName: undefined });
    expect(parseAuditCommand(['verify', '--workspace', 'ws1', '--stream', 's-ws1.a'])).toEqual({ kind: 'verify', workspaceId: 'ws1', streamName: 's-ws1.a' });
    expect(parseAuditCommand(['checkpoint', '--workspace', 'ws1'])).toEqual({ kind: 'checkpoint', workspaceId: 'ws1' });
    expect(parseAuditCommand(['export', '--workspace', 'ws1', '--stream', 'a-ws1.1', '--stream', 'b-ws1.2', '--stream', 'a-ws1.1', '--out', 'e.ndjson'])).toEqual({
      kind: 'export',
      workspaceId: 'ws1',
      out: 'e.ndjson',
      selection: { kind: 'streams', streams: ['a-ws1.1', 'b-ws1.2'] },
    });
    expect(parseAuditCommand(['export', '--workspace', 'ws1', '--from', '2026-01-01', '--to', '2026-02-01', '--out', 'e.ndjson'])).toMatchObject({
      selection: { kind: 'window', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    });
    expect(parseAuditCommand(['verify-bundle', 'e.ndjson', '--public-key', 'k.pem'])).toEqual({ kind: 'verify-bundle', file: 'e.ndjson', publicKeyFile: 'k.pem' });
    expect(parseAuditCommand(['public-key'])).toEqual({ kind: 'public-key' });
    expect(parseAuditCommand([])).toBe('help');
    expect(parseAuditCommand(['verify', '--help'])).toBe('help');
  });

  it.each([
    [['rewrite'], 'Unknown command "rewrite"'],
    [['verify'], 'Give either --workspace or --all'],
    [['verify', '--all', '--workspace', 'ws1'], 'Give either --workspace or --all'],
    [['verify', '--all', '--stream', 's'], '--stream goes with --workspace'],
    [['replay', '--stream', 's'], '--workspace is required'],
    [['replay', '--workspace', 'ws1', '--stream', 's', '--from', '2026-01-01'], 'Give either --stream or --from/--to'],
    [['replay', '--workspace', 'ws1', '--from', '2026-02-01', '--to', '2026-01-01'], '--from must be before --to'],
    [['replay', '--workspace', 'ws1', '--limit', '0'], '--limit must be a whole number of at least 1, got "0"'],
    [['export', '--workspace', 'ws1', '--from', '2026-01-01', '--out', 'x'], '--to is required'],
    [['export', '--workspace', 'ws1', '--from', 'yesterday', '--to', '2026-01-01', '--out', 'x'], '--from must be an ISO 8601 date or time, got "yesterday"'],
    [['verify-bundle'], 'Name one bundle file to verify'],
    [['checkpoint', '--all', '--colour', 'red'], 'Unknown option --colour'],
    [['public-key', 'extra'], 'Unexpected argument extra'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseAuditCommand(argv)).toThrow(new UsageError(message));
  });
});
