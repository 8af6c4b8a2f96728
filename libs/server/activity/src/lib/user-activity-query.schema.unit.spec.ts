import { encodeActivityCursor } from './activity-cursor';
import { inactiveQuerySchema, reportQuerySchema, securitySignalsQuerySchema, userActivityQuerySchema } from './user-activity-query.schema';

const paths = (result: { error?: { issues: Array<{ path: PropertyKey[] }> } }) => result.error?.issues.map((issue) => issue.path.join('.'));

describe('user activity queries', () => {
  it('pages sign-ins 20 at a time and takes back the cursor it handed out', () => {
    const cursor = { occurredAt: '2026-03-01T10:00:00.123456+00:00', position: '00000000000000000012:00000000000000000034' };
    expect(userActivityQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(userActivityQuerySchema.parse({ cursor: encodeActivityCursor(cursor), limit: '5' })).toEqual({ cursor, limit: 5 });
    expect(paths(userActivityQuerySchema.safeParse({ cursor: 'nope', limit: '101', colour: 'red' }))?.sort()).toEqual(['', 'cursor', 'limit']);
  });

  it('reads a report range, a bare `to` date including its whole day', () => {
    expect(reportQuerySchema.parse({ from: '2026-03-01', to: '2026-03-02' })).toEqual({
      from: new Date('2026-03-01T00:00:00.000Z'),
      to: new Date('2026-03-03T00:00:00.000Z'),
      limit: 100,
    });
    expect(reportQuerySchema.parse({ from: '2026-03-01T10:00:00+02:00', to: '2026-03-01T12:00:00Z' })).toMatchObject({
      from: new Date('2026-03-01T08:00:00.000Z'),
      to: new Date('2026-03-01T12:00:00.000Z'),
    });
  });

  it('defaults to the 30 days up to now', () => {
    const { from, to } = reportQuerySchema.parse({});
    expect(Math.abs(to.getTime() - Date.now())).toBeLessThan(5000);
    expect(to.getTime() - from.getTime()).toBe(30 * 86_400_000);
  });

  it('refuses bad dates, reversed or too long ranges and unknown signal kinds, by path', () => {
    expect(paths(reportQuerySchema.safeParse({ from: '2026-02-30' }))).toEqual(['from']);
    expect(paths(reportQuerySchema.safeParse({ from: '2026-03-02', to: '2026-03-01T00:00:00Z' }))).toEqual(['to']);
    expect(paths(reportQuerySchema.safeParse({ from: '2025-01-01', to: '2026-03-01' }))).toEqual(['to']);
    expect(paths(securitySignalsQuerySchema.safeParse({ kind: 'weird' }))).toEqual(['kind']);
    expect(securitySignalsQuerySchema.parse({ kind: 'new_ip', from: '2026-03-01', to: '2026-03-01' })).toMatchObject({ kind: 'new_ip', limit: 50 });
  });

  it('takes whole days for the inactive report, 30 by default', () => {
    expect(inactiveQuerySchema.parse({})).toEqual({ days: 30 });
    expect(inactiveQuerySchema.parse({ days: '7' })).toEqual({ days: 7 });
    for (const days of ['0', '-3', '1.5', 'abc', '3651']) expect(paths(inactiveQuerySchema.safeParse({ days }))).toEqual(['days']);
  });
});
