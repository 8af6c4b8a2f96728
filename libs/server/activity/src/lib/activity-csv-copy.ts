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
