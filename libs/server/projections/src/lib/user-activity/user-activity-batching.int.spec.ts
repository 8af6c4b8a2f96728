import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type RecordedEvent } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { userActivityProjection } from './user-activity.projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 2);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const ws = `ws${randomUUID().slice(0, 8)}`;
const [ada, bob, cy] = [
  { kind: 'user', id: 'u1', name: 'Ada' },
  { kind: 'user', id: 'u2', name: 'Bob' },
  { kind: 'user', id: 'u3', name: 'Cy' },
];
const agent = (n: number) => ({ kind: 'host_actor', id: `agent-${n}`, name: `Agent ${n}` });
const safari = { type: 'desktop', os: 'macOS 14.5', browser: 'Safari 17' };
const safariUpdated = { type: 'desktop', os: 'macOS 14.6', browser: 'Safari 18' };
const phone = { type: 'mobile', os: 'iOS 17.4', browser: 'Mobile Safari 17' };
const [ipA, ipB, ipC, ipD] = ['203.0.113.10', '203.0.113.20', '203.0.113.30', '192.0.2.66'];

const at = (time: string) => `2026-03-01T${time}:00.000Z`;
const meta = (workspaceId: string, actor: object, occurredAt: string, extra: object = {}) => ({ workspaceId, actor, result: 'success', occurredAt, ...extra });
const e = (type: string, data: object, metadata: Record<string, unknown>) => ({ id: randomUUID(), type, data, metadata });
const joined = (actor: { id: string }, time: string) => e('MemberJoined', { workspaceId: ws, userId: actor.id, role: 'agent' }, meta(ws, actor, at(time)));
const signedIn = (actor: { id: string }, ip: string, device: object, time: string, workspaceId = ws) =>
  e('SignedIn', { userId: actor.id, workspaceId, ip }, meta(workspaceId, actor, at(time), { ip, device }));
const failed = (actor: { id: string }, ip: string, time: string) =>
  e('SignInFailed', { userId: actor.id, reason: 'wrong_password', ip }, meta(ws, actor, at(time), { ip, result: 'failure' }));
const hostFailed = (n: number, time: string) =>
  e('ActivityRecorded', { action: 'auth.login_failed' }, meta(ws, agent(n), at(time), { ip: ipD, result: 'failure' }));
const ticket = (time: string) => e('TicketAssigned', { recordType: 'ticket', recordId: 'T-1' }, meta(ws, ada, at(time)));

/**
 * Cy signs in before joining, while a member and after being removed; Ada
 * comes back from a new IP and a new device twice each; Bob's failures make
 * a burst; five host users and Ada fail from one address, the last of them
 * reported late with an earlier time.
 */
async function appendScenario(): Promise<RecordedEvent[]> {
  await store.appendToStream(`workspace-${ws}.${ws}`, [
    e('WorkspaceCreated', { workspaceId: ws, owner: { userId: ada.id } }, meta(ws, ada, at('09:00'))),
    joined(bob, '09:01'),
  ]);
  await store.appendToStream(`user-platform.${cy.id}`, [signedIn(cy, ipA, safari, '09:30', 'platform')]);
  await store.appendToStream(`workspace-${ws}.${ws}`, [joined(cy, '09:40')]);
  await store.appendToStream(`user-platform.${cy.id}`, [signedIn(cy, ipA, safari, '09:45', 'platform')]);
  await store.appendToStream(`workspace-${ws}.${ws}`, [e('MemberRemoved', { workspaceId: ws, userId: cy.id }, meta(ws, ada, at('09:50')))]);
  await store.appendToStream(`user-platform.${cy.id}`, [signedIn(cy, ipA, safari, '09:55', 'platform')]);
  await store.appendToStream(`user-platform.${ada.id}`, [signedIn(ada, ipA, safari, '10:00')]);
  await store.appendToStream(`ticket-${ws}.T-1`, [ticket('10:05')]);
  await store.appendToStream(`user-platform.${ada.id}`, [
    signedIn(ada, ipB, safari, '10:10'),
    signedIn(ada, ipB, phone, '10:20'),
    signedIn(ada, ipB, phone, '10:30'),
    signedIn(ada, ipC, safariUpdated, '10:40'),
  ]);
  await store.appendToStream(`user-platform.${bob.id}`, [
    ...['14:00', '14:01', '14:02', '14:03', '14:04', '14:05', '14:06'].map((time, i) => failed(bob, `198.51.100.${i + 1}`, time)),
    failed(bob, '198.51.100.8', '14:30'),
  ]);
  await store.appendToStream(`user-platform.${ada.id}`, [failed(ada, ipD, '16:00')]);
  for (const n of [1, 2, 3, 4]) await store.appendToStream(`activity-${ws}.user_agent-${n}`, [hostFailed(n, `16:0${n}`)]);
  await store.appendToStream(`activity-${ws}.user_agent-5`, [hostFailed(5, '15:58')]);
  await store.appendToStream(`ticket-${ws}.T-1`, [ticket('17:00'), ticket('17:01')]);
  return store.readAll();
}

const TABLES = userActivityProjection.tables ?? [];

/** Applies the events from empty tables, `batchSize` at a time, each batch in its own transaction; returns every row. */
async function applyInBatches(events: RecordedEvent[], batchSize: number): Promise<Record<string, unknown[]>> {
  await pool.query(`TRUNCATE ${TABLES.join(', ')}`);
  for (let start = 0; start < events.length; start += batchSize) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await userActivityProjection.apply(client, events.slice(start, start + batchSize));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
  const snapshot: Record<string, unknown[]> = {};
  for (const table of TABLES) snapshot[table] = (await pool.query(`SELECT * FROM ${table} t ORDER BY t::text`)).rows;
  return snapshot;
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const pick = (rows: unknown[], columns: string[]) =>
  (rows as Record<string, unknown>[]).map((row) => Object.fromEntries(columns.map((column) => [column, iso(row[column])])));

describe('user activity projection, batch by batch', () => {
  let events: RecordedEvent[];
  let whole: Record<string, unknown[]>;

  beforeAll(async () => {
    events = await appendScenario();
    whole = await applyInBatches(events, events.length);
  }, 30_000);

  it('attributes each sign-in to the workspaces its account belongs to at that point of the batch', () => {
    const stats = pick(whole['user_login_stats'], ['user_id', 'login_count', 'failure_count', 'activity_count', 'last_login_at', 'last_ip', 'last_device_type', 'last_activity_at']);
    const failureOnly = (n: number) => ({ user_id: `agent-${n}`, login_count: 0, failure_count: 1, activity_count: 0, last_login_at: null, last_ip: null, last_device_type: null, last_activity_at: null });
    expect(stats).toEqual([
      ...[1, 2, 3, 4, 5].map(failureOnly),
      { user_id: 'u1', login_count: 5, failure_count: 1, activity_count: 10, last_login_at: at('10:40'), last_ip: ipC, last_device_type: 'desktop', last_activity_at: at('17:01') },
      { user_id: 'u2', login_count: 0, failure_count: 8, activity_count: 1, last_login_at: null, last_ip: null, last_device_type: null, last_activity_at: at('09:01') },
      { user_id: 'u3', login_count: 1, failure_count: 0, activity_count: 2, last_login_at: at('09:45'), last_ip: ipA, last_device_type: 'desktop', last_activity_at: at('09:45') },
    ]);
    expect(pick(whole['user_activity_members'], ['user_id'])).toEqual([{ user_id: 'u1' }, { user_id: 'u2' }]);
  });

  it('raises one signal for an IP or device first seen twice in a batch, and one per failure burst', () => {
    const signals = pick(whole['user_security_signals'], ['kind', 'subject', 'ip', 'device_type', 'failures', 'accounts', 'started_at', 'last_at']);
    expect(signals.sort((a, b) => String(a['started_at']).localeCompare(String(b['started_at'])))).toEqual([
      { kind: 'new_ip', subject: 'u1', ip: ipB, device_type: 'desktop', failures: 0, accounts: 1, started_at: at('10:10'), last_at: at('10:10') },
      { kind: 'new_device', subject: 'u1', ip: ipB, device_type: 'mobile', failures: 0, accounts: 1, started_at: at('10:20'), last_at: at('10:20') },
      { kind: 'new_ip', subject: 'u1', ip: ipC, device_type: 'desktop', failures: 0, accounts: 1, started_at: at('10:40'), last_at: at('10:40') },
      { kind: 'account_failure_burst', subject: 'u2', ip: null, device_type: null, failures: 7, accounts: 1, started_at: at('14:00'), last_at: at('14:06') },
      { kind: 'ip_failure_burst', subject: ipD, ip: ipD, device_type: null, failures: 6, accounts: 6, started_at: at('15:58'), last_at: at('16:04') },
    ]);
    const ipBurst = (whole['user_security_signals'] as Record<string, unknown>[]).find((row) => row['kind'] === 'ip_failure_burst');
    expect(ipBurst).toMatchObject({ first_position: events[events.length - 4].position, last_position: events[events.length - 3].position });
  });

  it.each([1, 2, 3, 5, 8])('leaves every table as one batch would when applied %i events at a time', async (batchSize) => {
    expect(await applyInBatches(events, batchSize)).toEqual(whole);
  });
});
