const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/**
 * A date (midnight UTC) or a date-time with its offset, as ISO 8601 writes
 * them; undefined for anything else, including days a month lacks, which
 * `Date.parse` would quietly roll over.
 */
export function parseInstant(value: string): Date | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [, year, month, day, time] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return undefined;
  const instant = time ? new Date(value) : calendar;
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** True for a bare date, which stands for its whole UTC day. */
export const isDateOnly = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);
