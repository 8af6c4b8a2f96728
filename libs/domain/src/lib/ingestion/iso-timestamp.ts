const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/**
 * A strict ISO 8601 date and time with a zone (`Z` or an offset), or undefined.
 * `Date.parse` alone accepts February 30th and other forms that read models
 * storing timestamps would later refuse.
 */
export function parseIsoTimestamp(value: string): Date | undefined {
  const match = ISO_8601.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = zoneOffsetMinutes(match[8]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Date.UTC reads years below 100 as 19xx; nothing that early is accepted anyway.
  const dateValid = year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
  if (!dateValid || hour > 23 || minute > 59 || second > 59 || offsetMinutes === undefined) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return time >= EARLIEST && time < LATEST ? new Date(time) : undefined;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
