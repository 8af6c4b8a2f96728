/** Why an event's claimed time looks odd. The event is kept, flagged (an audit log never drops a fact). */
export type OccurrenceFlag = 'occurred_in_future' | 'occurred_out_of_order';

/** How far ahead of the server's clock a host's clock may run before its events are flagged. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Flags an event claimed to happen more than the tolerance after `now`, or
 * before an event that comes earlier in the same stream of the same request.
 */
export function occurrenceFlags(occurredAt: Date, { now, latestBefore }: { now: Date; latestBefore?: Date }): OccurrenceFlag[] {
  const flags: OccurrenceFlag[] = [];
  if (occurredAt.getTime() - now.getTime() > FUTURE_TOLERANCE_MS) flags.push('occurred_in_future');
  if (latestBefore && occurredAt < latestBefore) flags.push('occurred_out_of_order');
  return flags;
}
