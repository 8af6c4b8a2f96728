import type { ActivityItem } from '@trailmark/contracts';

/** A feed item `minutesAgo` old at `now`; positions grow with `sequence`, as the store's do. */
export function activityItem(sequence: number, overrides: Partial<ActivityItem> = {}, now = Date.parse('2026-03-10T12:00:00Z'), minutesAgo = 100 - sequence): ActivityItem {
  return {
    position: String(sequence).padStart(12, '0'),
    eventId: `event-${sequence}`,
    streamName: `ticket-ws-1.T-${sequence}`,
    type: 'TicketCreated',
    category: 'Records',
    kind: 'write',
    label: 'Created ticket',
    actor: { kind: 'host_actor', id: 'usr-grace', name: 'Grace Kim', impersonatorId: null },
    result: 'success',
    ip: '203.0.113.99',
    device: { type: 'tablet', os: 'iPadOS', browser: 'Safari' },
    record: { type: 'ticket', id: `T-${sequence}`, label: `Ticket ${sequence}`, deleted: false },
    url: null,
    occurredAt: new Date(now - minutesAgo * 60_000).toISOString(),
    recordedAt: new Date(now - minutesAgo * 60_000).toISOString(),
    details: {},
    ...overrides,
  };
}
