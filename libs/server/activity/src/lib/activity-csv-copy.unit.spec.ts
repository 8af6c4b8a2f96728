import { inlineParameters } from './activity-csv-copy';

describe('inlineParameters', () => {
  it('puts each value in its place as a quoted literal, $10 apart from $1', () => {
    const params = ['ws', "O'Brien", 'C:\\path', ['Auth', 'Say "hi"'], 'e', 'f', 'g', 'h', 'i', 'j'];
    expect(inlineParameters('a = $1 AND b = $2 AND c = $3 AND d = ANY($4::text[]) AND k = $10', params)).toBe(
      `a = 'ws' AND b = 'O''Brien' AND c =  E'C:\\\\path' AND d = ANY( E'{"Auth","Say \\\\"hi\\\\""}'::text[]) AND k = 'j'`,
    );
  });

  it('refuses a value it cannot write as text, and a NUL that would cut the statement short', () => {
    expect(() => inlineParameters('a = $1', [1])).toThrow(TypeError);
    expect(() => inlineParameters('a = $1', [undefined])).toThrow(TypeError);
    expect(() => inlineParameters('a = $1', ['x\0y'])).toThrow(/NUL/);
  });
});
