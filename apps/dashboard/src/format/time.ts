const exact = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "3 Feb 2026, 14:05:09" in the viewer's time zone. */
export const exactTime = (iso: string | null | undefined) => (iso ? exact.format(new Date(iso)) : '—');

/** "3 Feb, 14:05": what a table row shows. */
export const shortTime = (iso: string | null | undefined) => (iso ? short.format(new Date(iso)) : '—');

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  const days = Math.round(seconds / 86_400);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** The label under a volume bar: "14:00" by the hour, "3 Feb" by the day, "week of 2 Feb" by the week. */
export function bucketLabel(iso: string, group: 'hour' | 'day' | 'week'): string {
  const date = new Date(iso);
  if (group === 'hour') return `${String(date.getUTCHours()).padStart(2, '0')}:00`;
  const day = `${date.getUTCDate()} ${date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
  return group === 'week' ? `week of ${day}` : day;
}
