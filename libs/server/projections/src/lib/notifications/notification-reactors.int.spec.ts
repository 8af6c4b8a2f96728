import { streams } from '@trailmark/contracts';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { saveCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { inTransaction } from '../projection-runner';
import { userActivityProjection } from '../user-activity/user-activity.projection';
import { alertRulesReactor } from './alert-rules.reactor';
import { notificationsProjection } from './notifications.projection';
import { securityAlertsReactor } from './security-alerts.reactor';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 6);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const WS = 'ws-alerts';
const owner = { kind: 'user', id: 'u-owner', name: 'Olga' };
const agent = { kind: 'user', id: 'u-agent', name: 'Ari' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();
const meta = (actor: object, minute: number, extra: Record<string, unknown> = {}) => ({ workspaceId: WS, layer: 'workspace', actor, result: 'success', occurredAt: at(minute), ...extra });
const event = (type: string, data: object, metadata: Record<string, unknown>) => ({ id: randomUUID(), type, data, metadata });

async function append(stream: string, ...events: ReturnType<typeof event>[]): Promise<void> {
  await store.appendToStream(stream, events);
}

/**
 * Applies the projection to every stored event it listens to, as its runner
 * would: with `crashFirst`, a first try appends its reactions and then
 * crashes before the commit (its tables roll back, its appends stay), and
 * the replay commits.
 */
async function applyAll(projection: Projection, { crashFirst = false, checkpoint = false } = {}): Promise<void> {
  const all = await store.readAll();
  const types = projection.filter?.eventTypes;
  const events = types ? all.filter(({ type }) => types.includes(type)) : all;
  if (crashFirst) {
    await expect(
      inTransaction(pool, async (client) => {
        await projection.apply(client, events);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
  }
  await inTransaction(pool, async (client) => {
    await projection.apply(client, events);
    if (checkpoint) await saveCheckpoint(client, projection.name, events[events.length - 1].position);
  });
}

const storedOf = async (type: string) => (await store.readAll()).filter((stored) => stored.type === type);

describe('alert reactors (crash and replay write nothing twice)', () => {
  beforeAll(async () => {
    await append(streams.workspace(WS), event('WorkspaceCreated', { workspaceId: WS, name: 'Alerts', owner: { userId: 'u-owner', email: 'olga@example.test' }, settings: {} }, meta(owner, 0)));
    await append(streams.workspace(WS), event('MemberJoined', { workspaceId: WS, invitationId: 'i-1', userId: 'u-agent', email: 'ari@example.test', role: 'agent' }, meta(agent, 1)));
    await append(
      'alertrule-ws-alerts.rule-fail',
      event('AlertRuleCreated', { ruleId: 'rule-fail', workspaceId: WS, scope: { kind: 'workspace', userIds: [], roles: ['owner'] }, name: 'Failed sign-ins', match: { eventTypes: ['SignInFailed'], categories: ['Security'], result: 'failure' }, channels: ['in_app', 'email'] }, meta(owner, 2)),
    );
    await append(
      'alertrule-ws-alerts.rule-mine',
      event('AlertRuleCreated', { ruleId: 'rule-mine', workspaceId: WS, scope: { kind: 'personal', ownerId: 'u-agent' }, name: 'My records', match: { eventTypes: [], categories: ['Records'] }, channels: ['in_app'] }, meta(agent, 2)),
    );
    await append(
      'alertrule-ws-alerts.rule-sec',
      event('AlertRuleCreated', { ruleId: 'rule-sec', workspaceId: WS, scope: { kind: 'workspace', userIds: [], roles: ['owner', 'admin'] }, name: 'Security', match: { eventTypes: [], categories: ['Security'] }, channels: ['in_app'] }, meta(owner, 2)),
    );
    const failed = (user: { id: string }, email: string, minute: number, ip: string) =>
      event('SignInFailed', { userId: user.id, email, reason: 'wrong_password', failedAttempts: 1, ip, userAgent: null }, meta(user, minute, { result: 'failure', ip }));
    await append(streams.user('u-agent'), ...[3, 4, 5, 6, 7].map((minute) => failed(agent, 'ari@example.test', minute, '10.0.0.9')));
    // A sixth failure from 10.0.0.9, for a second account: the address's failures now touch two accounts (an IP burst), the owner's alone make no account burst.
    await append(streams.user('u-owner'), failed(owner, 'olga@example.test', 8, '10.0.0.9'));
    const signedIn = (minute: number, ip: string, device: object) =>
      event('SignedIn', { userId: 'u-agent', sessionId: randomUUID(), workspaceId: WS, ip, userAgent: null }, meta(agent, minute, { ip, device }));
    const desktop = (browser: string) => ({ type: 'desktop', os: 'macOS 14.5', browser });
    // The first sign-in sets the baselines; a browser update is no new device; a phone is.
    await append(
      streams.user('u-agent'),
      signedIn(20, '10.0.0.1', desktop('Safari 17')),
      signedIn(21, '10.0.0.2', desktop('Safari 18')),
      signedIn(22, '10.0.0.2', { type: 'mobile', os: 'iOS 17.4', browser: 'Mobile Safari 17' }),
    );
    await append(streams.record(WS, 'ticket', 't-1'), event('TicketCreated', { ticketId: 't-1', title: 'Printer' }, meta(owner, 22)));
    await append(streams.record(WS, 'ticket', 't-2'), event('TicketCreated', { ticketId: 't-2', title: 'Laptop' }, meta(agent, 23)));
    await append(streams.workspace(WS), event('MemberRoleChanged', { workspaceId: WS, userId: 'u-agent', previousRole: 'agent', role: 'admin' }, meta(owner, 24)));
    await append(streams.browsing(WS, 'u-owner'), event('DataExported', { exportId: 'x-1', dataset: 'tickets', rowCount: 5000 }, meta(owner, 25)));
    await append(streams.browsing(WS, 'u-owner'), event('DataExported', { exportId: 'x-2', dataset: 'tickets', rowCount: 12 }, meta(owner, 26)));
  }, 30_000);

  it('raises one security alert per burst, new IP, new device, escalation and bulk export, and none again after a crash', async () => {
    await applyAll(alertRulesReactor(store), { checkpoint: true });
    await applyAll(userActivityProjection, { checkpoint: true });
    await applyAll(securityAlertsReactor(store, pool, { bulkExportRows: 1000, signalWaitMs: 2000 }), { crashFirst: true });
    const alerts = await storedOf('SecurityAlertRaised');
    expect(alerts.map(({ data }) => (data as { kind: string }).kind)).toEqual(['role_escalation', 'bulk_export', 'account_failure_burst', 'ip_failure_burst', 'new_ip', 'new_device']);
    const newIp = alerts.find(({ data }) => (data as { kind: string }).kind === 'new_ip');
    expect(newIp?.data).toMatchObject({ userId: 'u-agent', ip: '10.0.0.2', summary: 'u-agent signed in from 10.0.0.2, an IP not seen for them before' });
    expect(newIp?.metadata).toMatchObject({ workspaceId: WS, result: 'warning', occurredAt: at(21) });
    const burst = alerts.find(({ data }) => (data as { kind: string }).kind === 'account_failure_burst');
    expect(burst?.data).toMatchObject({ userId: 'u-agent', summary: '5 failed sign-ins for u-agent within 10 minutes' });
    const ipBurst = alerts.find(({ data }) => (data as { kind: string }).kind === 'ip_failure_burst');
    expect(ipBurst?.data).toMatchObject({ userId: null, ip: '10.0.0.9', summary: '6 failed sign-ins for 2 accounts from 10.0.0.9 within 10 minutes' });
    expect(ipBurst?.metadata).toMatchObject({ workspaceId: WS, result: 'warning', occurredAt: at(8) });
    const newDevice = alerts.find(({ data }) => (data as { kind: string }).kind === 'new_device');
    expect(newDevice?.data).toMatchObject({ userId: 'u-agent', ip: '10.0.0.2', summary: 'u-agent signed in from a device not seen for them before' });
    expect(newDevice?.metadata).toMatchObject({ workspaceId: WS, result: 'warning', occurredAt: at(22) });
  });

  it('alerts each recipient of each matching rule once, even when a batch is replayed after a crash', async () => {
    await pool.query("DELETE FROM alert_rules; DELETE FROM alert_members; DELETE FROM projection_checkpoints WHERE projection = 'alert-rules'");
    await applyAll(alertRulesReactor(store), { crashFirst: true });
    const raised = async (recipient: string) =>
      (await storedOf('AlertRaised'))
        .filter(({ streamName }) => streamName === `notification-ws-alerts.${recipient}`)
        .map(({ data }) => {
          const { ruleId, recipientEmail, sourceType, label } = data as Record<string, unknown>;
          return [ruleId, recipientEmail, sourceType, label];
        });
    const security = [
      ['rule-sec', 'Security alert: role escalated'],
      ['rule-sec', 'Security alert: bulk export'],
      ['rule-sec', 'Security alert: repeated failed sign-ins'],
      ['rule-sec', 'Security alert: repeated failed sign-ins from one IP'],
      ['rule-sec', 'Security alert: sign-in from a new IP'],
      ['rule-sec', 'Security alert: sign-in from a new device'],
    ];
    // Security alerts are failures of nothing (warnings), so only the six failed sign-ins (the agent's five, the owner's one) match rule-fail.
    expect(await raised('u-owner')).toEqual([
      ...Array.from({ length: 6 }, () => ['rule-fail', 'olga@example.test', 'SignInFailed', 'Sign-in failed']),
      ...security.map(([rule, label]) => [rule, 'olga@example.test', 'SecurityAlertRaised', label]),
    ]);
    // The agent's personal rule sees their own ticket, not the owner's; once an admin, the agent gets the security alerts.
    expect(await raised('u-agent')).toEqual([
      ['rule-mine', 'ari@example.test', 'TicketCreated', 'Created ticket'],
      ...security.map(([rule, label]) => [rule, 'ari@example.test', 'SecurityAlertRaised', label]),
    ]);
  });

  it('keeps one in-app notification per alert with the in-app channel', async () => {
    await applyAll(notificationsProjection, { crashFirst: true });
    await applyAll(notificationsProjection);
    const { rows } = await pool.query('SELECT recipient_id, rule_id, source_type, read_at FROM notifications ORDER BY recipient_id, position');
    // The owner: 6 failed sign-ins and 6 security alerts; the agent: 1 ticket and 6 security alerts.
    expect(rows).toHaveLength(19);
    expect(rows.filter((row) => row.rule_id === 'rule-mine')).toEqual([{ recipient_id: 'u-agent', rule_id: 'rule-mine', source_type: 'TicketCreated', read_at: null }]);
  });
});
