import { statsQuerySchema } from './stats-query.schema';

const paths = (input: Record<string, string>) => statsQuerySchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));

describe('stats query', () => {
  it('defaults to my activity over 7 days, in full', () => {
    expect(statsQuerySchema.parse({})).toEqual({ scope: 'mine', variant: 'full', period: { range: '7d' } });
  });

  it('takes explicit bounds instead of a range', () => {
    expect(statsQuerySchema.parse({ from: '2026-10-05', to: '2026-10-12T06:00:00+02:00', group: 'week', scope: 'workspace', variant: 'widget' })).toEqual({
      scope: 'workspace',
      variant: 'widget',
      group: 'week',
      period: { from: new Date('2026-10-05T00:00:00Z'), to: new Date('2026-10-12T04:00:00Z') },
    });
  });

  it('names each bad parameter', () => {
    expect(paths({ range: '1y', group: 'month', variant: 'tiny', scope: 'all', colour: 'red' })?.sort()).toEqual(['', 'group', 'range', 'scope', 'variant']);
    expect(paths({ from: '2026-02-30' })).toEqual(['from']);
    expect(paths({ range: '7d', from: '2026-10-01', to: '2026-10-02' })).toEqual(['range']);
    expect(paths({ from: '2026-10-01' })).toEqual(['to']);
    expect(paths({ to: '2026-10-01' })).toEqual(['from']);
    expect(paths({ from: '2026-10-02', to: '2026-10-01' })).toEqual(['to']);
  });
});
