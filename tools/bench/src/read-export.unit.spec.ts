import { countCsvRows, residentMb } from './read-export';

const stream = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('counting the rows of a streamed CSV export', () => {
  it('counts lines, header included, with a quoted line break inside a row and a quote split across chunks', async () => {
    const csv = ['type,label\r\n', 'A,"two\r\nlines"\r\n', 'B,"say ""hi', '"""\r\nC,plain\r\n'];
    expect(await countCsvRows(stream(...csv))).toEqual({ rows: 4, bytes: Buffer.byteLength(csv.join('')) });
  });
});

describe('resident memory', () => {
  it('reads this process from /proc and nothing for a pid that does not exist', () => {
    expect(residentMb(process.pid)).toBeGreaterThan(10);
    expect(residentMb(2 ** 30)).toBeUndefined();
  });
});
