/** Spreadsheets run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Either of the above: most cells have neither, and one test settles them. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/**
 * One RFC 4180 field: quoted when it holds a quote, comma or line break, its
 * quotes doubled. A value a spreadsheet would run as a formula gets a leading
 * apostrophe first, so an exported log cannot attack whoever opens it.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (!SPECIAL.test(value)) return value;
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, CRLF-terminated as RFC 4180 asks. Built in one pass: an export writes a million of them. */
export function csvRow(values: ReadonlyArray<string | null | undefined>): string {
  let row = '';
  for (let i = 0; i < values.length; i += 1) row += i === 0 ? csvCell(values[i]) : `,${csvCell(values[i])}`;
  return `${row}\r\n`;
}
