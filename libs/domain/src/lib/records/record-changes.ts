import type { RecordFlag } from './record.events';
import type { RecordState } from './record.state';

export interface ChangeClaim<T> {
  /** What Trailmark last learned; undefined when it never did. */
  known: T | undefined;
  /** What the host says the value was; undefined when it did not say. */
  from: T | undefined;
  to: T;
}

/**
 * Settles a reported change against what is known. Returns undefined when every
 * known earlier value already equals `to`: a change that changes nothing is no
 * fact. A change whose earlier value is unknown is kept, with `from: null`.
 */
export function settleChange<T>(
  { known, from, to }: ChangeClaim<T>,
  same: (a: T, b: T) => boolean,
): { from: T | null; mismatch: boolean } | undefined {
  const before = [from, known].filter((value): value is T => value !== undefined);
  if (before.length > 0 && before.every((value) => same(value, to))) return undefined;
  return { from: before[0] ?? null, mismatch: before.length === 2 && !same(before[0], before[1]) };
}

export function lifecycleFlags(state: RecordState): RecordFlag[] {
  switch (state.lifecycle) {
    case 'not_seen':
      return ['record_not_seen_created'];
    case 'deleted':
      return ['record_deleted'];
    case 'active':
      return [];
    default: {
      const unknown: never = state.lifecycle;
      return unknown;
    }
  }
}
