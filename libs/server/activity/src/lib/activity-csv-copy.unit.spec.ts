import { CsvRowEnds, inlineParameters } from './activity-csv-copy';

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

describe('CsvRowEnds', () => {
  const convert = (chunks: string[]) => {
    const rowEnds = new CsvRowEnds();
    const out = chunks.map((chunk) => rowEnds.convert(Buffer.from(chunk)));
    return { text: out.map(({ bytes }) => bytes.toString()).join(''), rows: out.reduce((sum, { rows }) => sum + rows, 0) };
  };

  it('ends each row with CRLF and counts the rows', () => {
    expect(convert(['a,b\nc,d\n'])).toEqual({ text: 'a,b\r\nc,d\r\n', rows: 2 });
  });

  it('keeps a line break inside a quoted cell, also when the cell spans two chunks', () => {
    expect(convert(['a,"two\nli', 'nes, ""quoted"""\n', 'b,\n'])).toEqual({ text: 'a,"two\nlines, ""quoted"""\r\nb,\r\n', rows: 2 });
  });

  it('gives the same rows however the stream is cut into chunks', () => {
    const cell = (n: number) => ['plain', 'a,b', 'say ""hi""', 'two\nlines', '', '{""a"": 1}'][n % 6];
    const quotedCell = (n: number) => (n % 6 === 0 || n % 6 === 4 ? cell(n) : `"${cell(n)}"`);
    const copyOutput = Array.from({ length: 40 }, (_, row) => `${quotedCell(row)},${quotedCell(row + 1)},${quotedCell(row * 7)}\n`).join('');
    const whole = convert([copyOutput]);
    expect(whole.rows).toBe(40);
    expect(whole.text.split('\r\n')).toHaveLength(41);
    for (let cut = 1; cut < copyOutput.length; cut += 7) {
      expect(convert([copyOutput.slice(0, cut), copyOutput.slice(cut, cut + 13), copyOutput.slice(cut + 13)])).toEqual(whole);
    }
  });
});
