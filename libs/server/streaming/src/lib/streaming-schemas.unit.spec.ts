import { createDestinationBody, deliveriesQuery, updateDestinationBody } from './streaming.schemas';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);

describe('streaming schemas', () => {
  it('fills the defaults of a new destination', () => {
    expect(createDestinationBody.parse({ name: ' SIEM ', url: 'https://siem.example.com/in' })).toEqual({
      name: 'SIEM', url: 'https://siem.example.com/in', categories: [], eventTypes: [], batchSize: 100,
    });
  });

  it('says what is wrong and where', () => {
    const result = createDestinationBody.safeParse({ name: '', url: 'http://127.0.0.1/', categories: ['Auth', 'Nope'], eventTypes: ['Invented'], batchSize: 0, extra: 1 });
    expect(issues(result)).toEqual([
      'name: Too small: expected string to have >=1 characters',
      'url: must not point at a loopback or private address',
      expect.stringMatching(/^categories\.1: Invalid option: expected one of "Auth"\|/),
      'eventTypes.0: is not a Trailmark event type',
      'batchSize: Too small: expected number to be >=1',
      ': Unrecognized key: "extra"',
    ]);
  });

  it('refuses an empty update and a made-up cursor', () => {
    expect(issues(updateDestinationBody.safeParse({}))).toEqual([': must change at least one of name, url, categories, eventTypes, batchSize']);
    expect(issues(deliveriesQuery.safeParse({ cursor: 'abc' }))).toEqual(['cursor: is not a cursor this API handed out']);
    expect(deliveriesQuery.parse({ limit: '10' })).toEqual({ limit: 10 });
  });
});
