import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { waitForCheckpoint } from '../checkpoints';
import { runProjection, type RunningProjection } from '../projection-runner';
import { RECORD_TIMELINE_PROJECTION, recordTimelineProjection } from './record-timeline.projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let running: RunningProjection;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 10);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  running = runProjection(store, pool, recordTimelineProjection, { retryMs: 50 });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const ada = { kind: 'user', id: 'u-ada', name: 'Ada' };
const lin = { kind: 'host_actor', id: 'agent-9', name: 'Lin' };
const at = (minute: number) => `2026-03-01T10:0${minute}:00.000Z`;
const metadata = (workspaceId: string, minute: number, extra: Record<string, unknown> = {}) => ({
  workspaceId,
  layer: workspaceId === 'platform' ? 'platform' : 'workspace',
  actor: ada,
  result: 'success',
  occurredAt: at(minute),
  ...extra,
});
const event = (type: string, data: Record<string, unknown>, meta: Record<string, unknown>) => ({ id: randomUUID(), type, data, metadata: meta });

async function appended(streamName: string, events: ReturnType<typeof event>[]) {
  const { position } = await store.appendToStream(streamName, events);
  expect(await waitForCheckpoint(pool, RECORD_TIMELINE_PROJECTION, position)).toBe(true);
}

const timeline = async (ws: string, recordType: string, recordId: string) =>
  (
    await pool.query(
      `SELECT event_type, category, kind, label, entry, actor_kind, actor_id, actor_name, occurred_at, changes, body, from_value, to_value, url
       FROM record_timeline WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3 ORDER BY position`,
      [ws, recordType, recordId],
    )
  ).rows;

const labelOf = async (ws: string, recordType: string, recordId: string) =>
  (
    await pool.query(
      'SELECT label, names, host_name, created_at, deleted FROM record_labels WHERE workspace_id = $1 AND record_type = $2 AND record_id = $3',
      [ws, recordType, recordId],
    )
  ).rows;

async function applyAgain(streamName: string) {
  const client = await pool.connect();
  try {
    await recordTimelineProjection.apply(client, await store.readStream(streamName));
  } finally {
    client.release();
  }
}

describe('record timeline projection', () => {
  const ticket = { recordType: 'ticket', recordId: 'T-1' };

  it('writes one row per record event, with previous and new values, bodies and from/to, and the label of the record', async () => {
    const ws = `ws${randomUUID().slice(0, 8)}`;
    await appended(`ticket-${ws}.T-1`, [
      event('TicketCreated', { ...ticket, fields: { title: 'Printer on fire', status: 'open' } }, metadata(ws, 0)),
      event(
        'TicketUpdated',
        { ...ticket, changes: [{ field: 'title', from: 'Printer on fire', to: 'Printer smoking' }, { field: 'priority', from: null, to: 'high' }] },
        metadata(ws, 1),
      ),
      event('TicketAssigned', { ...ticket, from: null, to: { id: 'agent-9', name: 'Lin' } }, metadata(ws, 2)),
      event('TicketStatusChanged', { ...ticket, from: 'open', to: 'pending' }, metadata(ws, 3)),
      event('CommentAdded', { ...ticket, commentId: 'c-1', body: 'Looking into it' }, metadata(ws, 4, { actor: lin })),
      event('TicketReplied', { ...ticket, replyId: 'm-1', body: 'We are on it' }, metadata(ws, 5)),
      event('TicketDeleted', ticket, metadata(ws, 6)),
    ]);

    const byAda = { actor_kind: 'user', actor_id: 'u-ada', actor_name: 'Ada', category: 'Records', kind: 'write' };
    const none = { changes: [], body: null, from_value: null, to_value: null, url: null };
    expect(await timeline(ws, 'ticket', 'T-1')).toEqual([
      {
        ...byAda,
        ...none,
        event_type: 'TicketCreated',
        label: 'Created ticket',
        entry: 'created',
        occurred_at: new Date(at(0)),
        changes: [
          { field: 'title', previous: null, new: 'Printer on fire' },
          { field: 'status', previous: null, new: 'open' },
        ],
      },
      {
        ...byAda,
        ...none,
        event_type: 'TicketUpdated',
        label: 'Updated ticket',
        entry: 'updated',
        occurred_at: new Date(at(1)),
        changes: [
          { field: 'title', previous: 'Printer on fire', new: 'Printer smoking' },
          { field: 'priority', previous: null, new: 'high' },
        ],
      },
      {
        ...byAda,
        ...none,
        event_type: 'TicketAssigned',
        label: 'Assigned ticket',
        entry: 'assigned',
        occurred_at: new Date(at(2)),
        to_value: { id: 'agent-9', name: 'Lin' },
      },
      {
        ...byAda,
        ...none,
        event_type: 'TicketStatusChanged',
        label: 'Changed ticket status',
        entry: 'status',
        occurred_at: new Date(at(3)),
        from_value: 'open',
        to_value: 'pending',
      },
      {
        ...none,
        event_type: 'CommentAdded',
        category: 'Inbox',
        kind: 'write',
        label: 'Added comment',
        entry: 'comment',
        actor_kind: 'host_actor',
        actor_id: 'agent-9',
        actor_name: 'Lin',
        occurred_at: new Date(at(4)),
        body: 'Looking into it',
      },
      {
        ...byAda,
        ...none,
        event_type: 'TicketReplied',
        category: 'Inbox',
        label: 'Replied to ticket',
        entry: 'reply',
        occurred_at: new Date(at(5)),
        body: 'We are on it',
      },
      { ...byAda, ...none, event_type: 'TicketDeleted', label: 'Deleted ticket', entry: 'deleted', occurred_at: new Date(at(6)) },
    ]);
    expect(await labelOf(ws, 'ticket', 'T-1')).toEqual([
      { label: 'Printer smoking', names: { title: 'Printer smoking' }, host_name: null, created_at: new Date(at(0)), deleted: true },
    ]);
  });

  it('keeps the label on the stable id as the record is renamed, then numbered, and is unmoved by a replay', async () => {
    const ws = `ws${randomUUID().slice(0, 8)}`;
    const stream = `ticket-${ws}.T-1`;
    await appended(stream, [event('TicketCreated', { ...ticket, fields: { title: 'Printer on fire', number: null } }, metadata(ws, 0))]);
    expect((await labelOf(ws, 'ticket', 'T-1'))[0].label).toBe('Printer on fire');

    const renamed = [{ field: 'title', from: 'Printer on fire', to: 'Printer smoking' }];
    await appended(stream, [event('TicketUpdated', { ...ticket, changes: renamed }, metadata(ws, 1))]);
    expect((await labelOf(ws, 'ticket', 'T-1'))[0].label).toBe('Printer smoking');

    await appended(stream, [event('TicketUpdated', { ...ticket, changes: [{ field: 'number', from: null, to: 1042 }] }, metadata(ws, 2))]);
    const numbered = await labelOf(ws, 'ticket', 'T-1');
    expect(numbered).toEqual([
      { label: '1042', names: { title: 'Printer smoking', number: 1042 }, host_name: null, created_at: new Date(at(0)), deleted: false },
    ]);

    await applyAgain(stream);
    expect(await labelOf(ws, 'ticket', 'T-1')).toEqual(numbered);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM record_timeline WHERE workspace_id = $1', [ws]);
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('puts page views, attached files and host activity on their record, labelled by the name the host gives it', async () => {
    const ws = `ws${randomUUID().slice(0, 8)}`;
    const customer = { recordType: 'customer', recordId: 'C-7' };
    await appended(`customer-${ws}.C-7`, [
      event('CustomerCreated', { ...customer, fields: { plan: 'pro' } }, metadata(ws, 0, { host: { action: 'customer.created', target: { name: 'Acme' } } })),
    ]);
    await appended(`browsing-${ws}.u-ada`, [
      event('PageViewed', { url: 'https://host.example/customers/C-7', title: 'Customer page', recordType: 'Customer', recordId: 'C-7' }, metadata(ws, 1)),
      event('PageViewed', { url: 'https://host.example/reports' }, metadata(ws, 2)),
    ]);
    await appended(`file-${ws}.F-1`, [event('FileAttached', { fileId: 'F-1', name: 'contract.pdf', ...customer }, metadata(ws, 3))]);
    await appended(`activity-${ws}.invoice_I-1`, [
      event(
        'ActivityRecorded',
        {
          action: 'invoice.paid_late',
          target: { recordType: 'invoice', recordId: 'I-1', name: 'Invoice 1' },
          changes: [{ field: 'paid', from: false, to: true }],
        },
        metadata(ws, 4),
      ),
    ]);
    await appended(`user-platform.u-ada`, [event('TicketDeleted', ticket, metadata('platform', 5))]);

    const entries = async (recordType: string, recordId: string) =>
      (await timeline(ws, recordType, recordId)).map(({ event_type, label, entry, url, changes }) => ({ event_type, label, entry, url, changes }));
    expect(await entries('customer', 'C-7')).toEqual([
      { event_type: 'CustomerCreated', label: 'Created customer', entry: 'created', url: null, changes: [{ field: 'plan', previous: null, new: 'pro' }] },
      { event_type: 'PageViewed', label: 'Viewed page', entry: 'viewed', url: 'https://host.example/customers/C-7', changes: [] },
      { event_type: 'FileAttached', label: 'Attached file', entry: 'file', url: null, changes: [] },
    ]);
    expect(await entries('invoice', 'I-1')).toEqual([
      { event_type: 'ActivityRecorded', label: 'Invoice paid late', entry: 'updated', url: null, changes: [{ field: 'paid', previous: false, new: true }] },
    ]);
    expect(await labelOf(ws, 'customer', 'C-7')).toEqual([{ label: 'Acme', names: {}, host_name: 'Acme', created_at: new Date(at(0)), deleted: false }]);
    expect((await labelOf(ws, 'invoice', 'I-1'))[0].label).toBe('Invoice 1');
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM record_timeline WHERE workspace_id IN ($1, 'platform')", [ws]);
    expect(rows).toEqual([{ n: 4 }]);
  });

  it('inserts nothing twice when a whole stream is applied again', async () => {
    const ws = `ws${randomUUID().slice(0, 8)}`;
    const stream = `ticket-${ws}.T-1`;
    await appended(stream, [
      event('TicketCreated', { ...ticket, fields: { title: 'Old' } }, metadata(ws, 0)),
      event('TicketDeleted', ticket, metadata(ws, 1)),
      event('TicketCreated', { ...ticket, fields: { title: 'New' } }, metadata(ws, 2)),
    ]);
    const before = await labelOf(ws, 'ticket', 'T-1');
    expect(before).toEqual([{ label: 'New', names: { title: 'New' }, host_name: null, created_at: new Date(at(2)), deleted: false }]);

    await applyAgain(stream);
    expect((await timeline(ws, 'ticket', 'T-1')).map((row) => row.event_type)).toEqual(['TicketCreated', 'TicketDeleted', 'TicketCreated']);
    expect(await labelOf(ws, 'ticket', 'T-1')).toEqual(before);
  });
});
