import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['postgres://app:secret@db:5432/trailmark', 'postgres://app:***@db:5432/trailmark'],
    ['postgres://app@db/trailmark', 'postgres://app@db/trailmark'],
    ['postgres://db/trailmark?password=secret&sslmode=require', 'postgres://db/trailmark?password=***&sslmode=require'],
    ['esdb://admin:changeit@a:2113,b:2113?tls=false', 'esdb://admin:***@a:2113,b:2113?tls=false'],
    ['redis://:p@ss/word@redis:6379', 'redis://:***@redis:6379'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('returns undefined for a value without a scheme', () => {
    expect(redactUrl('app:secret@db:5432')).toBeUndefined();
  });
});
