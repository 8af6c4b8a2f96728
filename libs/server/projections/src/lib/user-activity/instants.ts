/**
 * Microseconds since the epoch. Postgres keeps timestamps to the microsecond
 * and `Date` only to the millisecond; comparing in memory what Postgres
 * compared needs the finer one.
 */
export function micros(text: string): number {
  const beyondMillis = /\.\d{3}(\d{1,3})/.exec(text)?.[1] ?? '';
  return Date.parse(text) * 1000 + Number(beyondMillis.padEnd(3, '0'));
}

