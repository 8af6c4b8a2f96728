import { encodePosition, type RecordedEvent } from '@trailmark/event-store';
import { statsRows } from './stats-rows';

let n = 0;
function event(type: string, occurredAt: string, actor?: { id: string; name?: string }, ip?: string, workspaceId = 'ws1'): RecordedEvent {
  n += 1;
  return {
    id: `e${n}`,
    streamName: `ticket-${workspaceId}.T-1`,
    type,
    data: { recordType: 'ticket', recordId: 'T-1' },
    metadata: { workspaceId, occurredAt, ...(actor && { actor: { kind: 'user', ...actor } }), ...(ip && { ip }) },
    revision: n,
    position: encodePosition(1n, BigInt(n)),
    recordedAt: new Date('2026-03-03T00:00:00Z'),
  };
}

describe('stats rows', () => {
  it('folds events of one key in a batch into one row, the latest name by occurrence rather than by batch order', () => {
    const rows = statsRows([
      event('TicketUpdated', '2026-03-01T10:50:00Z', { id: 'u1', name: 'Late name' }),
      event('TicketUpdated', '2026-03-01T10:10:00Z', { id: 'u1', name: 'Early name' }),
      event('TicketCreated', '2026-03-01T10:30:00+01:00', { id: 'u1' }),
    ]);
    expect(rows.workspaceBuckets).toEqual([
      { workspace_id: 'ws1', grain: 'hour', bucket: '2026-03-01T10:00:00.000Z', category: 'Records', kind: 'write', account: false, events: 2 },
      { workspace_id: 'ws1', grain: 'day', bucket: '2026-03-01T00:00:00.000Z', category: 'Records', kind: 'write', account: false, events: 3 },
      { workspace_id: 'ws1', grain: 'hour', bucket: '2026-03-01T09:00:00.000Z', category: 'Records', kind: 'write', account: false, events: 1 },
    ]);
    expect(rows.actorBuckets).toEqual([
      {
        workspace_id: 'ws1',
        grain: 'hour',
        bucket: '2026-03-01T10:00:00.000Z',
        actor_id: 'u1',
        account: false,
        events: 2,
        last_seen: '2026-03-01T10:50:00.000Z',
        actor_name: 'Late name',
      },
      { workspace_id: 'ws1', grain: 'day', bucket: '2026-03-01T00:00:00.000Z', actor_id: 'u1', account: false, events: 3, last_seen: '2026-03-01T10:50:00.000Z', actor_name: 'Late name' },
      { workspace_id: 'ws1', grain: 'hour', bucket: '2026-03-01T09:00:00.000Z', actor_id: 'u1', account: false, events: 1, last_seen: '2026-03-01T09:30:00.000Z', actor_name: 'u1' },
    ]);
    expect(rows.actorCategoryBuckets.map(({ grain, bucket, events }) => [grain, bucket, events])).toEqual([
      ['hour', '2026-03-01T10:00:00.000Z', 2],
      ['day', '2026-03-01T00:00:00.000Z', 3],
      ['hour', '2026-03-01T09:00:00.000Z', 1],
    ]);
  });

  it('keeps apart keys whose fields would run together, and events either side of midnight', () => {
    const rows = statsRows([
      event('SignedIn', '2026-03-01T23:59:59.999Z', { id: 'a' }, '203.0.113.1', 'b,c'),
      event('SignedIn', '2026-03-02T00:00:00.000Z', { id: 'a' }, '203.0.113.1', 'b,c'),
      event('SignedIn', '2026-03-02T00:00:00.000Z', { id: 'a,b' }, '203.0.113.1', 'c'),
    ]);
    expect(rows.actorCategoryBuckets.filter(({ grain }) => grain === 'day').map(({ workspace_id, actor_id, bucket, events }) => [workspace_id, actor_id, bucket, events])).toEqual([
      ['b,c', 'a', '2026-03-01T00:00:00.000Z', 1],
      ['b,c', 'a', '2026-03-02T00:00:00.000Z', 1],
      ['c', 'a,b', '2026-03-02T00:00:00.000Z', 1],
    ]);
    expect(rows.ipDays).toEqual([
      { workspace_id: 'b,c', day: '2026-03-01', ip: '203.0.113.1', actor_id: 'a', hours: 1 << 23, non_account_hours: 0 },
      { workspace_id: 'b,c', day: '2026-03-02', ip: '203.0.113.1', actor_id: 'a', hours: 1, non_account_hours: 0 },
      { workspace_id: 'c', day: '2026-03-02', ip: '203.0.113.1', actor_id: 'a,b', hours: 1, non_account_hours: 0 },
    ]);
  });

  it('counts an event without an actor for its workspace only, and leaves platform events out', () => {
    const rows = statsRows([event('PageViewed', '2026-03-01T10:00:00Z', undefined, '198.51.100.7'), event('UserRegistered', '2026-03-01T10:00:00Z', { id: 'u1' }, undefined, 'platform')]);
    expect(rows.workspaceBuckets.map(({ category, events }) => [category, events])).toEqual([
      ['Browsing', 1],
      ['Browsing', 1],
    ]);
    expect([rows.actorBuckets, rows.actorCategoryBuckets]).toEqual([[], []]);
    expect(rows.ipDays).toEqual([{ workspace_id: 'ws1', day: '2026-03-01', ip: '198.51.100.7', actor_id: '', hours: 1 << 10, non_account_hours: 1 << 10 }]);
  });
});
