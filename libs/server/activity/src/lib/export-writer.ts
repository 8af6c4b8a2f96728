import type { Writable } from 'node:stream';

/** Chunks are gathered until about this many bytes before a write. */
const CHUNK_BYTES = 64 * 1024;

/** Encoded output, and how many rows end in it (a chunk may stop inside a row the next one finishes). */
export interface ExportChunk {
  bytes: Buffer;
  /** Rows whose end is in `bytes`: once it is written, that many more rows were delivered whole. */
  rows: number;
}

export interface WrittenExport {
  rows: number;
  /** False when the client went away before the last row. */
  complete: boolean;
}

/** Reading the rows failed after `rows` had been written. */
export class ExportFailedError extends Error {
  constructor(
    readonly rows: number,
    cause: unknown,
  ) {
    super(`The export failed after ${rows} rows: ${String(cause)}`, { cause });
    this.name = 'ExportFailedError';
  }
}

/**
 * Writes the header and every chunk to `out`, waiting for `drain` whenever the
 * socket is full, so a slow client holds back the reads instead of filling
 * memory. Nothing is written before the first 64 KB (or the end), so a query
 * that fails at once still leaves room for an ordinary error answer. Does
 * not end `out`; stops reading when the client goes away.
 */
export async function writeExport(out: Writable, header: string, chunks: AsyncIterable<ExportChunk>): Promise<WrittenExport> {
  let written = 0;
  let pending: ExportChunk[] = header === '' ? [] : [{ bytes: Buffer.from(header), rows: 0 }];
  let size = header.length;
  const flush = async (): Promise<boolean> => {
    const bytes = pending.length === 1 ? pending[0].bytes : Buffer.concat(pending.map((chunk) => chunk.bytes));
    const rows = pending.reduce((sum, chunk) => sum + chunk.rows, 0);
    [pending, size] = [[], 0];
    if (!(await write(out, bytes))) return false;
    written += rows;
    return true;
  };
  try {
    for await (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.bytes.length;
      if (size >= CHUNK_BYTES && !(await flush())) return { rows: written, complete: false };
    }
  } catch (error) {
    throw new ExportFailedError(written, error);
  }
  const complete = pending.length === 0 || (await flush());
  return { rows: written, complete };
}

/** Resolves true once `out` can take more, false when it closed first. */
function write(out: Writable, chunk: Buffer): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return Promise.resolve(false);
  if (out.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (open: boolean) => () => {
      out.off('drain', drained);
      out.off('close', closed);
      resolve(open);
    };
    const drained = settle(true);
    const closed = settle(false);
    out.on('drain', drained);
    out.on('close', closed);
  });
}
