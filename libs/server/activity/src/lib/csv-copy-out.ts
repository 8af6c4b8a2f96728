import { Readable } from 'node:stream';
import type { ExportChunk } from './export-writer';

const CR = 0x0d;
const LF = 0x0a;
/** Rows are gathered into chunks of about this size. */
const CHUNK_BYTES = 64 * 1024;

/** What `pg` hands a custom query (a "Submittable"): the connection, whose socket it may pause. */
interface PgConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

/**
 * `COPY (…) TO STDOUT WITH (FORMAT csv)` as a stream of chunks of whole,
 * CRLF-terminated rows, for `client.query()`. Postgres sends one CopyData
 * message per row (its protocol says so), ending with LF: each row is copied
 * once into the chunk, its LF made CRLF, without looking at its cells, so a
 * line break inside a quoted cell stays as it is. The socket is paused while
 * `highWaterMark` bytes wait to be read, so a slow consumer holds the query back.
 */
export class CsvCopyOut extends Readable {
  private connection?: PgConnection;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private rows = 0;

  constructor(
    private readonly text: string,
    highWaterMark: number,
  ) {
    // Object mode counts chunks, not bytes: the mark is kept in whole chunks.
    super({ objectMode: true, highWaterMark: Math.max(1, Math.ceil(highWaterMark / CHUNK_BYTES)) });
  }

  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    const row = message.chunk;
    if (this.used + row.length + 1 > this.chunk.length) {
      this.flush();
      if (row.length + 1 > this.chunk.length) this.chunk = Buffer.allocUnsafe(row.length + 1);
    }
    // The row's last byte is its LF.
    this.used += row.copy(this.chunk, this.used, 0, row.length - 1);
    this.chunk[this.used] = CR;
    this.chunk[this.used + 1] = LF;
    this.used += 2;
    this.rows += 1;
    if (this.used >= CHUNK_BYTES) this.flush();
  }

  handleCommandComplete(): void {
    this.flush();
  }

  handleReadyForQuery(): void {
    this.flush();
    this.push(null);
    // The connection goes back to its pool, reading again whatever was held back.
    this.connection?.stream.resume();
  }

  handleError(error: Error): void {
    this.destroy(error);
  }

  override _read(): void {
    this.connection?.stream.resume();
  }

  private flush(): void {
    if (this.used === 0) return;
    const full: ExportChunk = { bytes: this.chunk.subarray(0, this.used), rows: this.rows };
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    this.rows = 0;
    if (!this.push(full)) this.connection?.stream.pause();
  }
}
