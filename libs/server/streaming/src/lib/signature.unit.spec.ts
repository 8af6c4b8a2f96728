import { createHmac } from 'node:crypto';
import { generateSecret, signBody, verifySignature } from './signature';

describe('signBody', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', 'shh').update('1700000000.{"a":1}').digest('hex');
    expect(signBody('shh', '{"a":1}', 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, secret or timestamp', () => {
    const header = signBody('shh', 'body', 1_700_000_000);
    expect(verifySignature('shh', 'body', header)).toBe(true);
    expect(verifySignature('shh', 'body!', header)).toBe(false);
    expect(verifySignature('other', 'body', header)).toBe(false);
    expect(verifySignature('shh', 'body', header.replace('t=1700000000', 't=1700000001'))).toBe(false);
    expect(verifySignature('shh', 'body', 'garbage')).toBe(false);
  });

  it('generates distinct secrets of 64 hex digits', () => {
    const [a, b] = [generateSecret(), generateSecret()];
    expect(a).toMatch(/^tms_[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});
