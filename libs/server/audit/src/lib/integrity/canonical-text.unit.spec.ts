import canonicalize from 'canonicalize';
import { canonicalText } from './canonical-text';

/** The oracle: what verification computed before, by parsing. */
const parsedCanonical = (text: string) => canonicalize(JSON.parse(text));

describe('canonicalText', () => {
  it.each([
    ['members out of order, nested', { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, é: true, A: false, '€': 'x', '\u{1F600}': 'smile' }],
    ['integer-like keys, which objects enumerate first', { b: 1, '10': 2, '9': 3, a: 4 }],
    ['numbers as ECMAScript writes them', [0, -0, 1.5e-7, 1e21, 123456789012345680000, 0.1 + 0.2, -1e-300, 5e-324, 42]],
    ['empty containers and literals', { e: {}, a: [], n: null, t: true, f: false, s: '' }],
    ['strings JSON.stringify leaves alone', ['é\u2028\u2029', '</script>', 'a:b,c{d}[e]', 'true']],
    ['a scalar at the top', 'text'],
  ])('gives what parsing and canonicalising give for %s', (_name, value) => {
    const text = JSON.stringify(value);
    expect(canonicalText(text)).toBe(parsedCanonical(text));
  });

  it.each([
    ['numbers written another way', '{"n":1.50,"m":1E3,"k":-0.0}'],
    ['exponents with a sign', '[1e+2,2E-2]'],
  ])('rewrites %s as ECMAScript writes them, as parsing does', (_name, text) => {
    expect(canonicalText(text)).toBe(parsedCanonical(text));
  });

  it.each([
    ['a backslash escape', '{"a":"say \\"hi\\""}'],
    ['an escaped key', '{"\\u0061":1}'],
    ['whitespace', '{"a": 1}'],
    ['whitespace at the end', '{"a":1} '],
    ['a duplicate key', '{"b":1,"a":2,"b":3}'],
    ['a number too large for a double', '{"n":1e400}'],
    ['broken text', '{"a":1'],
  ])('declines %s, so the caller parses', (_name, text) => {
    expect(canonicalText(text)).toBeUndefined();
  });

  it('leaves out the dropped top-level key and hands over the chain keys', () => {
    const keys = {};
    const text = JSON.stringify({ workspaceId: 'ws', hash: 'h1', actor: { hash: 'inner' }, prevHash: 'h0' });
    expect(canonicalText(text, 'hash', keys)).toBe('{"actor":{"hash":"inner"},"prevHash":"h0","workspaceId":"ws"}');
    expect(keys).toEqual({ hash: 'h1', prevHash: 'h0' });
  });

  it('declines chain keys that are not strings, so the caller sees what they are', () => {
    expect(canonicalText('{"hash":12,"prevHash":"h0"}', 'hash', {})).toBeUndefined();
  });

  it('matches parsing on generated values', () => {
    for (let i = 0; i < 300; i += 1) {
      const value = { [`k${(i * 7) % 13}`]: i, n: Math.random() * 10 ** ((i % 40) - 20), s: String.fromCharCode(32 + (i % 90)).replace(/["\\]/g, ''), list: [i, { z: -i, a: [i / 3] }] };
      const text = JSON.stringify(value);
      expect(canonicalText(text)).toBe(parsedCanonical(text));
    }
  });
});
