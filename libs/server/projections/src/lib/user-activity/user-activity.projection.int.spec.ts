import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type Position } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { waitForCheckpoint } from '../checkpoints';
import { runProjection, type RunningProjection } from '../projection-runner';
import { USER_ACTIVITY_PROJECTION, userActivityProjection } from './user-activity.projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let running: RunningProjection;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 10);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  running = runProjection(store, pool, userActivityProjection, { retryMs: 50 });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const id = randomUUID().slice(0, 8);
const ws = `ws${id}`;
const ws2 = `wt${id}`;
const [u1, u2, u3] = ['u1', 'u2', 'u3'].map((u) => `${u}${id}`);
const ada = { kind: 'user', id: u1, name: 'Ada' };
const bob = { kind: 'user', id: u2, name: 'Bob' };
const safari = { type: 'desktop', os: 'macOS 14.5', browser: 'Safari 17' };
const safariUpdated = { type: 'desktop', os: 'macOS 14.6', browser: 'Safari 18' };
const phone = { type: 'mobile', os: 'iOS 17.4', browser: 'Mobile Safari 17' };
const [ipA, ipB, ipC] = ['203.0.113.10', '203.0.113.20', '192.0.2.66'];

const at = (time: string, day = '01') => `2026-03-${day}T${time}:00.000Z`;
const meta = (workspaceId: string, actor: object, occurredAt: string, extra: object = {}): Record<string, unknown> => ({
  workspaceId,
  layer: workspaceId === 'platform' ? 'platform' : 'workspace',
  actor,
  result: 'success',
  occurredAt,
  ...extra,
});
const e = (type: string, data: object, metadata: Record<string, unknown>) => ({ id: randomUUID(), type, data, metadata });
const signedIn = (actor: { id: string }, ip: string, device: object, occurredAt: string, workspaceId = ws) =>
  e('SignedIn', { userId: actor.id, sessionId: randomUUID(), workspaceId, ip, userAgent: 'ua' }, meta(workspaceId, actor, occurredAt, { ip, device }));
const failed = (actor: { id: string }, ip: string, occurredAt: string) =>
  e('SignInFailed', { userId: actor.id, email: 'x@example.com', reason: 'wrong_password', failedAttempts: 1, ip }, meta(ws, actor, occurredAt, { ip, result: 'failure' }));
const host = (n: string) => ({ kind: 'host_actor', id: `agent-${n}`, name: `Agent ${n}` });

/** Two workspaces Ada belongs to, Bob in the first; sign-ins, failures, bursts and other activity. */
async function appendScenario(): Promise<Position> {
  await store.appendToStream(`workspace-${ws}.${ws}`, [
    e('WorkspaceCreated', { workspaceId: ws, name: 'Acme', owner: { userId: u1, email: 'ada@example.com' }, settings: {} }, meta(ws, ada, at('09:00'))),
    e('MemberJoined', { workspaceId: ws, invitationId: 'i1', userId: u2, email: 'bob@example.com', role: 'agent' }, meta(ws, bob, at('09:01'))),
  ]);
  await store.appendToStream(`workspace-${ws2}.${ws2}`, [
    e('WorkspaceCreated', { workspaceId: ws2, name: 'Beta', owner: { userId: u1, email: 'ada@example.com' }, settings: {} }, meta(ws2, ada, at('09:02'))),
  ]);
  await store.appendToStream(`user-platform.${u1}`, [
    signedIn(ada, ipA, safari, at('10:00')),
    signedIn(ada, ipA, safariUpdated, at('11:00')),
    signedIn(ada, ipB, safariUpdated, at('12:00')),
    signedIn(ada, ipB, phone, at('13:00')),
  ]);
  await store.appendToStream(`user-platform.${u2}`, [
    ...[0, 1, 2, 3, 4].map((i) => failed(bob, `198.51.100.${i + 1}`, at(`14:0${i}`))),
    e('AccountLocked', { userId: u2, failedAttempts: 5, lockedUntil: at('14:19') }, meta(ws, bob, at('14:04'), { result: 'warning' })),
    failed(bob, '198.51.100.6', at('14:12')),
    failed(bob, '198.51.100.7', at('15:00')),
  ]);
  await store.appendToStream(`user-platform.${u1}`, [failed(ada, ipC, at('16:00'))]);
  for (const n of ['1', '2', '3', '4']) {
    await store.appendToStream(`activity-${ws}.user_agent-${n}`, [failed(host(n), ipC, at(`16:0${n}`))]);
  }
  await store.appendToStream(`ticket-${ws}.T-1`, [
    ...['17:00', '17:01', '17:02'].map((time) => e('TicketAssigned', { recordType: 'ticket', recordId: 'T-1' }, meta(ws, ada, at(time)))),
    e('TicketAssigned', { recordType: 'ticket', recordId: 'T-1' }, meta(ws, ada, at('09:00', '02'))),
    e('TicketAssigned', { recordType: 'ticket', recordId: 'T-1' }, meta(ws, { ...ada, impersonatorId: 'root' }, at('09:30', '02'))),
  ]);
  await store.appendToStream(`activity-${ws}.invoice_I-1`, [e('ActivityRecorded', { action: 'invoice.paid' }, meta(ws, host('7'), at('10:00', '02')))]);
  await store.appendToStream(`activity-${ws}.user_agent-7`, [signedIn(host('7'), '203.0.113.99', safari, at('10:05', '02'))]);
  await store.appendToStream(`workspace-${ws}.${ws}`, [e('MemberRemoved', { workspaceId: ws, userId: u2, role: 'agent' }, meta(ws, ada, at('11:00', '02')))]);
  await store.appendToStream(`user-platform.${u2}`, [signedIn(bob, ipA, safari, at('11:05', '02'), 'platform')]);
  const last = await store.appendToStream(`user-platform.${u3}`, [signedIn({ id: u3 }, ipA, safari, at('12:00', '02'), 'platform')]);
  return last.position;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

async function stats(workspaceId: string) {
  const { rows } = await pool.query(
    `SELECT user_id, user_kind, user_name, login_count, failure_count, activity_count, last_login_at, last_ip,
       last_device_type, last_device_os, last_device_browser, last_failure_at, last_activity_at
     FROM user_login_stats WHERE workspace_id = $1 ORDER BY user_id`,
    [workspaceId],
  );
  return rows.map((row) => ({ ...row, last_login_at: iso(row.last_login_at), last_failure_at: iso(row.last_failure_at), last_activity_at: iso(row.last_activity_at) }));
}

async function signals(workspaceId: string) {
  const { rows } = await pool.query(
    `SELECT kind, subject, user_id, ip, device_type, failures, accounts, started_at, last_at FROM user_security_signals
     WHERE workspace_id = $1 ORDER BY last_at, kind`,
    [workspaceId],
  );
  return rows.map((row) => ({ ...row, started_at: iso(row.started_at), last_at: iso(row.last_at) }));
}

async function everything() {
  const tables = ['user_login_stats', 'user_login_history', 'user_activity_days', 'user_seen_ips', 'user_seen_devices', 'user_security_signals', 'user_activity_members'];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) snapshot[table] = (await pool.query(`SELECT * FROM ${table} t ORDER BY t::text`)).rows;
  return snapshot;
}

const counters = (login_count: number, failure_count: number, activity_count: number) => ({ login_count, failure_count, activity_count });
const noLogin = { last_login_at: null, last_ip: null, last_device_type: null, last_device_os: null, last_device_browser: null };

describe('user activity projection', () => {
  beforeAll(async () => {
    expect(await waitForCheckpoint(pool, USER_ACTIVITY_PROJECTION, await appendScenario(), 20_000)).toBe(true);
  }, 30_000);

  it('counts sign-ins, failures and activity per user, with the latest sign-in’s device and address', async () => {
    const adaLatest = { last_login_at: at('13:00'), last_ip: ipB, last_device_type: 'mobile', last_device_os: 'iOS 17.4', last_device_browser: 'Mobile Safari 17' };
    const hostFailure = (n: string) => ({
      user_id: `agent-${n}`, user_kind: 'host', user_name: `Agent ${n}`, ...counters(0, 1, 0), ...noLogin, last_failure_at: at(`16:0${n}`), last_activity_at: null,
    });
    expect(await stats(ws)).toEqual([
      ...['1', '2', '3', '4'].map(hostFailure),
      {
        user_id: 'agent-7', user_kind: 'host', user_name: 'Agent 7', ...counters(1, 0, 2), last_login_at: at('10:05', '02'), last_ip: '203.0.113.99',
        last_device_type: 'desktop', last_device_os: 'macOS 14.5', last_device_browser: 'Safari 17', last_failure_at: null, last_activity_at: at('10:05', '02'),
      },
      { user_id: u1, user_kind: 'member', user_name: 'Ada', ...counters(4, 1, 10), ...adaLatest, last_failure_at: at('16:00'), last_activity_at: at('11:00', '02') },
      { user_id: u2, user_kind: 'member', user_name: 'Bob', ...counters(0, 7, 1), ...noLogin, last_failure_at: at('15:00'), last_activity_at: at('09:01') },
    ]);
    expect(await stats(ws2)).toEqual([
      { user_id: u1, user_kind: 'member', user_name: 'Ada', ...counters(4, 1, 5), ...adaLatest, last_failure_at: at('16:00'), last_activity_at: at('13:00') },
    ]);
    expect((await pool.query('SELECT count(*)::int AS n FROM user_login_stats WHERE user_id = $1', [u3])).rows).toEqual([{ n: 0 }]);
  });

  it('keeps one history row per attempt and workspace, and active days per user', async () => {
    const history = await pool.query(
      `SELECT workspace_id, user_id, count(*)::int AS attempts, count(*) FILTER (WHERE result = 'failure')::int AS failures
       FROM user_login_history WHERE workspace_id IN ($1, $2) GROUP BY 1, 2 ORDER BY 1, 2`,
      [ws, ws2],
    );
    expect(history.rows).toEqual([
      ...['1', '2', '3', '4'].map((n) => ({ workspace_id: ws, user_id: `agent-${n}`, attempts: 1, failures: 1 })),
      { workspace_id: ws, user_id: 'agent-7', attempts: 1, failures: 0 },
      { workspace_id: ws, user_id: u1, attempts: 5, failures: 1 },
      { workspace_id: ws, user_id: u2, attempts: 7, failures: 7 },
      { workspace_id: ws2, user_id: u1, attempts: 5, failures: 1 },
    ]);
    const days = await pool.query(`SELECT user_id, to_char(day, 'YYYY-MM-DD') AS day, events FROM user_activity_days WHERE workspace_id = $1 ORDER BY 1, 2`, [ws]);
    expect(days.rows).toEqual([
      { user_id: 'agent-7', day: '2026-03-02', events: 2 },
      { user_id: u1, day: '2026-03-01', events: 8 },
      { user_id: u1, day: '2026-03-02', events: 2 },
      { user_id: u2, day: '2026-03-01', events: 1 },
    ]);
  });

  it('raises one signal per failure burst, per new IP and per new device; none for a known IP or a browser update', async () => {
    const novelty = { failures: 0, accounts: 1 };
    const adaSignals = [
      { kind: 'new_ip', subject: u1, user_id: u1, ip: ipB, device_type: 'desktop', ...novelty, started_at: at('12:00'), last_at: at('12:00') },
      { kind: 'new_device', subject: u1, user_id: u1, ip: ipB, device_type: 'mobile', ...novelty, started_at: at('13:00'), last_at: at('13:00') },
    ];
    expect(await signals(ws)).toEqual([
      ...adaSignals,
      { kind: 'account_failure_burst', subject: u2, user_id: u2, ip: null, device_type: null, failures: 6, accounts: 1, started_at: at('14:00'), last_at: at('14:12') },
      { kind: 'ip_failure_burst', subject: ipC, user_id: null, ip: ipC, device_type: null, failures: 5, accounts: 5, started_at: at('16:00'), last_at: at('16:04') },
    ]);
    expect(await signals(ws2)).toEqual(adaSignals);
  });

  it('changes nothing when every event is applied again', async () => {
    const before = await everything();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await userActivityProjection.apply(client, await store.readAll());
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await everything()).toEqual(before);
  });
});
