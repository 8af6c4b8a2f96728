import { countRowEnds, residentMb } from './read-export';

async function* stream(...chunks: string[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield Buffer.from(chunk);
}

describe('counting the rows of a streamed CSV export', () => {
  const csv = 'type,label\r\nA,"x\ny"\r\nB,"say ""hi"""\r\nC,plain\r\n';

  it('counts CRLF row ends, header included, and leaves a bare line break inside a cell alone', async () => {
    expect(await countRowEnds(stream(csv))).toEqual({ rows: 4, bytes: Buffer.byteLength(csv) });
  });

  it('counts the same however the stream is cut, a row end split across two chunks included', async () => {
    for (let cut = 0; cut <= csv.length; cut += 1) {
      expect(await countRowEnds(stream(csv.slice(0, cut), csv.slice(cut)))).toEqual({ rows: 4, bytes: csv.length });
    }
    expect(await countRowEnds(stream(...csv.split('')))).toEqual({ rows: 4, bytes: csv.length });
  });
});

describe('resident memory', () => {
  it('reads this process from /proc and nothing for a pid that does not exist', () => {
    expect(residentMb(process.pid)).toBeGreaterThan(10);
    expect(residentMb(2 ** 30)).toBeUndefined();
  });
});
