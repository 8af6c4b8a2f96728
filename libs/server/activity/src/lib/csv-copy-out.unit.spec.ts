import { CsvCopyOut } from './csv-copy-out';
import type { ExportChunk } from './export-writer';

/** A stand-in for `pg`'s connection: what was sent, and whether its socket is paused. */
function connection() {
  const state = { sent: [] as string[], paused: false };
  return {
    state,
    query: (text: string) => state.sent.push(text),
    stream: { pause: () => (state.paused = true), resume: () => (state.paused = false) },
  };
}

async function drain(copy: CsvCopyOut): Promise<ExportChunk[]> {
  const chunks: ExportChunk[] = [];
  for await (const chunk of copy) chunks.push(chunk as ExportChunk);
  return chunks;
}

describe('CsvCopyOut', () => {
  it('sends the statement, ends each row with CRLF and keeps a line break inside a cell', async () => {
    const copy = new CsvCopyOut('COPY (SELECT 1) TO STDOUT WITH (FORMAT csv)', 1024);
    const pg = connection();
    copy.submit(pg);
    for (const row of ['a,b\n', '"two\nlines",c\n', '"say ""hi""",\n']) copy.handleCopyData({ chunk: Buffer.from(row) });
    copy.handleCommandComplete();
    copy.handleReadyForQuery();
    const chunks = await drain(copy);
    expect(pg.state.sent).toEqual(['COPY (SELECT 1) TO STDOUT WITH (FORMAT csv)']);
    expect(Buffer.concat(chunks.map((chunk) => chunk.bytes)).toString()).toBe('a,b\r\n"two\nlines",c\r\n"say ""hi""",\r\n');
    expect(chunks.reduce((sum, chunk) => sum + chunk.rows, 0)).toBe(3);
  });

  it('cuts chunks between rows only, counting the rows of each, a row longer than a chunk included', async () => {
    const copy = new CsvCopyOut('COPY', 16 * 1024 * 1024);
    copy.submit(connection());
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${'x'.repeat(i === 1500 ? 100_000 : i % 97)}\n`);
    for (const row of rows) copy.handleCopyData({ chunk: Buffer.from(row) });
    copy.handleReadyForQuery();
    const chunks = await drain(copy);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const text = chunk.bytes.toString();
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')).toHaveLength(chunk.rows + 1);
    }
    expect(Buffer.concat(chunks.map((chunk) => chunk.bytes)).toString()).toBe(rows.map((row) => row.replace('\n', '\r\n')).join(''));
  });

  it('pauses the socket while its reader is behind and resumes it when it reads', async () => {
    const copy = new CsvCopyOut('COPY', 64 * 1024);
    const pg = connection();
    copy.submit(pg);
    const row = Buffer.from(`${'y'.repeat(1000)}\n`);
    for (let i = 0; i < 200; i += 1) copy.handleCopyData({ chunk: row });
    expect(pg.state.paused).toBe(true);
    // Three chunks of 64 KB wait; the mark is one.
    copy.read();
    expect(pg.state.paused).toBe(true);
    while (copy.readableLength > 0) copy.read();
    expect(pg.state.paused).toBe(false);
    copy.handleReadyForQuery();
    expect((await drain(copy)).reduce((sum, chunk) => sum + chunk.rows, 0)).toBeGreaterThan(0);
  });

  it('fails its reader with the error Postgres sent', async () => {
    const copy = new CsvCopyOut('COPY', 1024);
    copy.submit(connection());
    copy.handleError(new Error('relation "nope" does not exist'));
    await expect(drain(copy)).rejects.toThrow('relation "nope" does not exist');
  });
});
