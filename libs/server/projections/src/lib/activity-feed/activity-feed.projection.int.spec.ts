import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { waitForCheckpoint } from '../checkpoints';
import { runProjection, type RunningProjection } from '../projection-runner';
import { ACTIVITY_FEED_PROJECTION, activityFeedProjection } from './activity-feed.projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let running: RunningProjection;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 10);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  running = runProjection(store, pool, activityFeedProjection, { retryMs: 50 });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const grace = { kind: 'host_actor', id: 'agent-7', name: 'Grace' };
const metadata = (workspaceId: string, extra: Record<string, unknown> = {}) => ({
  workspaceId,
  layer: workspaceId === 'platform' ? 'platform' : 'workspace',
  actor: grace,
  result: 'success',
  occurredAt: '2026-03-01T10:00:00.000Z',
  ...extra,
});

const columns = `event_type, category, kind, label, actor_kind, actor_id, actor_name, impersonator_id, result, ip,
  device_type, device_os, device_browser, record_type, record_id, record_label, url, occurred_at, details`;

describe('activity feed projection', () => {
  it('writes one row per workspace event with its catalogue entry, actor, device and record, and none for platform events', async () => {
    const ws = `ws${randomUUID().slice(0, 8)}`;
    const device = { type: 'desktop', os: 'macOS 14.5', browser: 'Safari 17' };
    await store.appendToStream(`user-platform.u1`, [{ id: randomUUID(), type: 'UserRegistered', data: { userId: 'u1' }, metadata: metadata('platform') }]);
    await store.appendToStream(`ticket-${ws}.T-1`, [
      {
        id: randomUUID(),
        type: 'TicketCreated',
        data: { recordType: 'ticket', recordId: 'T-1', fields: {} },
        metadata: metadata(ws, { ip: '203.0.113.9', device, host: { action: 'ticket.created', target: { name: 'Printer on fire' } } }),
      },
      {
        id: randomUUID(),
        type: 'TicketAssigned',
        data: { recordType: 'ticket', recordId: 'T-1', from: null, to: { id: 'agent-9' } },
        metadata: metadata(ws, { occurredAt: '2026-03-01T10:05:00.000Z', result: 'warning', actor: { kind: 'user', id: 'u2', name: 'Ada', impersonatorId: 'u1' } }),
      },
    ]);
    await store.appendToStream(`browsing-${ws}.agent-7`, [
      { id: randomUUID(), type: 'PageViewed', data: { url: 'https://host.example/tickets/T-1', title: 'Ticket T-1', recordType: 'ticket', recordId: 'T-1' }, metadata: metadata(ws) },
    ]);
    await store.appendToStream(`file-${ws}.F-1`, [{ id: randomUUID(), type: 'FileDownloaded', data: { fileId: 'F-1', name: 'invoice.pdf' }, metadata: metadata(ws) }]);
    const last = await store.appendToStream(`activity-${ws}.invoice_I-1`, [
      {
        id: randomUUID(),
        type: 'ActivityRecorded',
        data: { action: 'invoice.paid_late', target: { recordType: 'invoice', recordId: 'I-1', name: 'Invoice 1' } },
        metadata: metadata(ws),
      },
    ]);
    expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, last.position)).toBe(true);

    const { rows } = await pool.query(`SELECT ${columns} FROM activity_feed WHERE workspace_id = $1 ORDER BY position`, [ws]);
    const at = new Date('2026-03-01T10:00:00.000Z');
    const none = { impersonator_id: null, ip: null, device_type: null, device_os: null, device_browser: null, url: null, result: 'success' };
    const byGrace = { actor_kind: 'host_actor', actor_id: 'agent-7', actor_name: 'Grace' };
    expect(rows).toEqual([
      {
        ...none,
        ...byGrace,
        event_type: 'TicketCreated',
        category: 'Records',
        kind: 'write',
        label: 'Created ticket',
        ip: '203.0.113.9',
        device_type: 'desktop',
        device_os: 'macOS 14.5',
        device_browser: 'Safari 17',
        record_type: 'ticket',
        record_id: 'T-1',
        record_label: 'Printer on fire',
        occurred_at: at,
        details: { recordType: 'ticket', recordId: 'T-1', fields: {} },
      },
      {
        ...none,
        event_type: 'TicketAssigned',
        category: 'Records',
        kind: 'write',
        label: 'Assigned ticket',
        actor_kind: 'user',
        actor_id: 'u2',
        actor_name: 'Ada',
        impersonator_id: 'u1',
        result: 'warning',
        record_type: 'ticket',
        record_id: 'T-1',
        record_label: null,
        occurred_at: new Date('2026-03-01T10:05:00.000Z'),
        details: { recordType: 'ticket', recordId: 'T-1', from: null, to: { id: 'agent-9' } },
      },
      {
        ...none,
        ...byGrace,
        event_type: 'PageViewed',
        category: 'Browsing',
        kind: 'read',
        label: 'Viewed page',
        record_type: 'ticket',
        record_id: 'T-1',
        record_label: 'Ticket T-1',
        url: 'https://host.example/tickets/T-1',
        occurred_at: at,
        details: { url: 'https://host.example/tickets/T-1', title: 'Ticket T-1', recordType: 'ticket', recordId: 'T-1' },
      },
      {
        ...none,
        ...byGrace,
        event_type: 'FileDownloaded',
        category: 'Files',
        kind: 'read',
        label: 'Downloaded file',
        record_type: 'file',
        record_id: 'F-1',
        record_label: 'invoice.pdf',
        occurred_at: at,
        details: { fileId: 'F-1', name: 'invoice.pdf' },
      },
      {
        ...none,
        ...byGrace,
        event_type: 'ActivityRecorded',
        category: 'Other',
        kind: 'write',
        label: 'Invoice paid late',
        record_type: 'invoice',
        record_id: 'I-1',
        record_label: 'Invoice 1',
        occurred_at: at,
        details: { action: 'invoice.paid_late', target: { recordType: 'invoice', recordId: 'I-1', name: 'Invoice 1' } },
      },
    ]);
    const platform = await pool.query("SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = 'platform'");
    expect(platform.rows).toEqual([{ n: 0 }]);
  });

  it('inserts each event once when a batch is applied again', async () => {
    const ws = `ws${randomUUID().slice(0, 8)}`;
    const last = await store.appendToStream(`ticket-${ws}.T-2`, [
      { id: randomUUID(), type: 'TicketDeleted', data: { recordType: 'ticket', recordId: 'T-2' }, metadata: metadata(ws) },
    ]);
    expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, last.position)).toBe(true);
    const events = await store.readStream(`ticket-${ws}.T-2`);
    const client = await pool.connect();
    try {
      await activityFeedProjection.apply(client, events);
    } finally {
      client.release();
    }
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM activity_feed WHERE workspace_id = $1', [ws]);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
