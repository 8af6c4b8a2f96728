import { randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    ['key order by UTF-16 code units', { b: 1, a: 2, '€': 3, '\u{1F600}': 4, A: 5, '10': 6, '9': 7 }],
    ['numbers as ECMAScript writes them', [0, -0, 1.5e-7, 1e21, 123456789012345680000, 0.1 + 0.2, -1e-300, 5e-324]],
    ['strings with escapes', ['"quoted"', 'back\\slash', 'tab\tnew\nline', '\u0001\u001f', 'é\u2028\u2029', '</script>']],
    ['nesting, nulls and omitted members', { z: [1, null, { y: undefined, x: 'x' }], u: undefined, n: null, t: true, e: {}, a: [] }],
    ['dates through toJSON', { at: new Date('2026-01-01T00:00:00.000Z') }],
  ])('matches the canonicalize package for %s', (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('matches the canonicalize package on generated events', () => {
    for (let i = 0; i < 200; i += 1) {
      const event = { id: randomUUID(), revision: i, data: { n: Math.random() * 10 ** (i % 30), s: String.fromCharCode(i % 128), list: [i, { k: i }] }, metadata: { actor: { id: `u${i}`, name: 'Zoë' } } };
      expect(canonicalJson(event)).toBe(canonicalize(event));
    }
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
  });
});
