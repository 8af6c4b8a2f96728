import type { Writable } from 'node:stream';
import type { ActivityItem } from './activity-item';
import type { ExportFormat } from './activity-export.format';

/** Lines are gathered into chunks of about this many characters before a write. */
const CHUNK_CHARS = 64 * 1024;

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
 * Writes the header and every item to `out`, waiting for `drain` whenever the
 * socket is full, so a slow client holds back the reads instead of filling
 * memory. Does not end `out`.
 */
export async function writeExport(out: Writable, batches: AsyncIterable<ActivityItem[]>, format: ExportFormat): Promise<WrittenExport> {
  let written = 0;
  let pending = 0;
  let chunk = format.header;
  try {
    for await (const batch of batches) {
      for (const item of batch) {
        chunk += format.line(item);
        pending += 1;
        if (chunk.length >= CHUNK_CHARS) {
          if (!(await write(out, chunk))) return { rows: written, complete: false };
          written += pending;
          pending = 0;
          chunk = '';
        }
      }
    }
  } catch (error) {
    throw new ExportFailedError(written, error);
  }
  const complete = chunk === '' || (await write(out, chunk));
  return { rows: complete ? written + pending : written, complete };
}

/** Resolves true once `out` can take more, false when it closed first. */
function write(out: Writable, chunk: string): Promise<boolean> {
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
