import { occurrenceFlags } from './occurrence-flags';

const now = new Date('2026-01-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('occurrenceFlags', () => {
  it('flags nothing for a time in the past or slightly ahead of the server clock', () => {
    expect(occurrenceFlags(at('2026-01-01T11:00:00Z'), { now })).toEqual([]);
    expect(occurrenceFlags(at('2026-01-01T12:05:00Z'), { now })).toEqual([]);
  });

  it('flags a time more than five minutes ahead', () => {
    expect(occurrenceFlags(at('2026-01-01T12:05:01Z'), { now })).toEqual(['occurred_in_future']);
  });

  it('flags a time earlier than an event before it in the same stream', () => {
    expect(occurrenceFlags(at('2026-01-01T11:00:00Z'), { now, latestBefore: at('2026-01-01T11:30:00Z') })).toEqual(['occurred_out_of_order']);
    expect(occurrenceFlags(at('2026-01-01T11:30:00Z'), { now, latestBefore: at('2026-01-01T11:30:00Z') })).toEqual([]);
  });
});
