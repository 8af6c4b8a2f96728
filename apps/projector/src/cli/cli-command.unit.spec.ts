import { parseCliCommand, UsageError } from './cli-command';

const known = ['directory', 'activity-feed', 'stats'];
const parse = (args: string, env: Record<string, string> = {}) => parseCliCommand(args.split(' ').filter(Boolean), known, env);

describe('parseCliCommand', () => {
  it('names the projections to rebuild, each once, with the batch size and the retention default', () => {
    expect(parse('rebuild activity-feed stats activity-feed --batch-size 200', { TRAILMARK_RETENTION_DAYS: '90' })).toEqual({
      kind: 'rebuild',
      projections: ['activity-feed', 'stats'],
      batchSize: 200,
      defaultFeedDays: 90,
    });
    expect(parse('rebuild --all')).toEqual({ kind: 'rebuild', projections: known, batchSize: 5000, defaultFeedDays: undefined });
  });

  it('reads a re-projection period, with a week of hold by default', () => {
    expect(parse('reproject --workspace ws1 --from 2026-01-01 --to=2026-02-01T12:00:00Z')).toEqual({
      kind: 'reproject',
      workspaceId: 'ws1',
      from: new Date('2026-01-01T00:00:00.000Z'),
      to: new Date('2026-02-01T12:00:00.000Z'),
      holdDays: 7,
    });
  });

  it('takes the retention default from TRAILMARK_RETENTION_DAYS, keeping everything when it is unset', () => {
    expect(parse('retention', { TRAILMARK_RETENTION_DAYS: ' 30 ' })).toEqual({ kind: 'retention', defaultFeedDays: 30 });
    expect(parse('retention', { TRAILMARK_RETENTION_DAYS: '' })).toEqual({ kind: 'retention', defaultFeedDays: undefined });
  });

  it('asks for help when there is nothing to do or it is asked for', () => {
    expect(parse('')).toBe('help');
    expect(parse('rebuild --help')).toBe('help');
  });

  it.each([
    ['vacuum', 'Unknown command "vacuum"'],
    ['rebuild', 'Name a projection to rebuild (directory, activity-feed, stats) or give --all'],
    ['rebuild feed timeline', 'Unknown projection "feed", "timeline"; known: directory, activity-feed, stats'],
    ['rebuild --all stats', 'Name projections or give --all, not both'],
    ['rebuild stats --batch-size 0', '--batch-size must be a whole number of at least 1, got "0"'],
    ['rebuild stats --batch-size', '--batch-size needs a value'],
    ['rebuild stats --workspace ws1', 'Unknown option --workspace'],
    ['reproject --from 2026-01-01 --to 2026-02-01', '--workspace is required'],
    ['reproject --workspace ws1 --from yesterday --to 2026-02-01', '--from must be an ISO 8601 date or time, got "yesterday"'],
    ['reproject --workspace ws1 --from 2026-02-01 --to 2026-01-01', '--from must be before --to'],
    ['retention now', 'Unexpected argument now'],
  ])('refuses `%s`: %s', (args, message) => {
    expect(() => parse(args)).toThrow(new UsageError(message));
  });

  it('refuses a retention default that is not a whole number of days', () => {
    expect(() => parse('retention', { TRAILMARK_RETENTION_DAYS: '30d' })).toThrow(new UsageError('TRAILMARK_RETENTION_DAYS must be a whole number of at least 1, got "30d"'));
  });
});
