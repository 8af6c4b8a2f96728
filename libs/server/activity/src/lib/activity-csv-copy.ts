import { escapeLiteral } from 'pg';

/**
 * Spreadsheets run a cell starting with one of these as a formula: `=`, `+`,
 * `-`, `@`, tab and CR, as code points. Comparing `ascii()` of the cell with
 * integers made the export about a tenth faster than comparing its first
 * character as text.
 */
const FORMULA_STARTS = '61, 43, 45, 64, 9, 13';

/**
 * A text expression with a leading apostrophe when a spreadsheet would run it
 * as a formula (NULL stays NULL). Every formula start is below `A` (65): one
 * comparison settles a cell starting with a letter, where the list takes six.
 * That halved what the test costs a row of 15 such cells.
 */
const neutralised = (expression: string) =>
  `CASE WHEN ascii(${expression}) < 65 AND ascii(${expression}) IN (${FORMULA_STARTS}) THEN '''' || ${expression} ELSE ${expression} END`;

/** An instant as `Date.toISOString()` writes it: UTC, milliseconds, `Z`. */
const isoInstant = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The CSV columns, in order, as SQL over a feed row `f` and its record's
 * current label `l` (CURRENT_LABEL_HASH_JOIN). Postgres builds each cell and
 * COPY quotes it, so the export never parses a row in Node. Every cell a host
 * or a user can put text in is neutralised; category, kind, actor kind and
 * result hold only Trailmark's own words.
 */
export const CSV_COLUMNS: ReadonlyArray<readonly [name: string, sql: string]> = [
  ['occurredAt', isoInstant('f.occurred_at')],
  ['recordedAt', isoInstant('f.recorded_at')],
  ['eventId', neutralised('f.event_id')],
  ['type', neutralised('f.event_type')],
  ['category', 'f.category'],
  ['kind', 'f.kind'],
  ['label', neutralised('f.label')],
  ['actorKind', 'f.actor_kind'],
  ['actorId', neutralised('f.actor_id')],
  ['actorName', neutralised('f.actor_name')],
  ['impersonatorId', neutralised('f.impersonator_id')],
  ['result', 'f.result'],
  ['ip', neutralised('f.ip')],
  ['deviceType', neutralised('f.device_type')],
  ['deviceOs', neutralised('f.device_os')],
  ['deviceBrowser', neutralised('f.device_browser')],
  ['recordType', neutralised('f.record_type')],
  ['recordId', neutralised('f.record_id')],
  ['recordLabel', neutralised('CASE WHEN f.record_type IS NOT NULL AND f.record_id IS NOT NULL THEN coalesce(l.label, f.record_label) END')],
  ['url', neutralised('f.url')],
  ['streamName', neutralised('f.stream_name')],
  ['position', 'f.position'],
  // Postgres's own JSON text (`{"a": 1}`): the same document as JSON.stringify writes, spaced. An object's
  // starts with `{`, so only other JSON is tested: the test would convert the document to text a second time.
  ['details', `CASE WHEN jsonb_typeof(f.details) = 'object' THEN f.details::text ELSE ${neutralised("coalesce(f.details::text, 'null')")} END`],
];

/**
 * `sql` with each `$n` replaced by its value as a quoted literal: COPY takes
 * no parameters. Values are the filter's: text, or lists of text.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (typeof value === 'string') return textLiteral(value);
  if (Array.isArray(value) && value.every((element) => typeof element === 'string')) {
    return textLiteral(`{${value.map((element: string) => `"${element.replace(/["\\]/g, (special) => `\\${special}`)}"`).join(',')}}`);
  }
  throw new TypeError(`No SQL literal for a filter value of type ${typeof value}`);
}

function textLiteral(text: string): string {
  // Postgres text holds no NUL, and a NUL would end the statement's text early.
  if (text.includes('\0')) throw new TypeError('A filter value holds a NUL character');
  return escapeLiteral(text);
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * COPY ends each CSV row with LF; RFC 4180 asks for CRLF. Rewrites the row
 * ends of a stream of COPY output, counting them, and leaves a line break
 * inside a quoted cell as it is. Keeps its place between chunks (a quoted
 * cell may span two).
 */
export class CsvRowEnds {
  private quoted = false;

  convert(chunk: Buffer): { bytes: Buffer; rows: number } {
    // Jumps from quote to quote and line break to line break: most bytes are neither.
    const ends: number[] = [];
    const length = chunk.length;
    /** The next of a byte at or after `from`, or `length` when none is left. */
    const next = (byte: number, from: number) => {
      const at = chunk.indexOf(byte, from);
      return at < 0 ? length : at;
    };
    let quoted = this.quoted;
    let quote = -1;
    let lf = -1;
    for (let i = 0; i < length; ) {
      if (quote < i) quote = next(QUOTE, i);
      if (!quoted && lf < i) lf = next(LF, i);
      if (quoted) {
        // A cell still open at the end of the chunk goes on in the next.
        if (quote === length) break;
        quoted = false;
        i = quote + 1;
      } else if (lf < quote) {
        ends.push(lf);
        i = lf + 1;
      } else {
        quoted = quote < length;
        i = quote + 1;
      }
    }
    this.quoted = quoted;
    if (ends.length === 0) return { bytes: chunk, rows: 0 };
    const bytes = Buffer.allocUnsafe(chunk.length + ends.length);
    let out = 0;
    let from = 0;
    for (const lf of ends) {
      out += chunk.copy(bytes, out, from, lf);
      bytes[out] = CR;
      out += 1;
      from = lf;
    }
    chunk.copy(bytes, out, from);
    return { bytes, rows: ends.length };
  }
}
