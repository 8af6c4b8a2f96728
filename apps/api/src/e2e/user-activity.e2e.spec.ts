import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@trailmark/contracts';
import { DIRECTORY_PROJECTION, USER_ACTIVITY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { id: string; token: string };

const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0';
const OTHER_WORKSPACE = `other${randomUUID().slice(0, 8)}`;
const OUTSIDER = `outsider-${randomUUID().slice(0, 8)}`;
const DORMANT = `dormant-${randomUUID().slice(0, 8)}`;

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const from = (ip: string, userAgent = WINDOWS) => ({ 'x-forwarded-for': ip, 'user-agent': userAgent });
const ws = (path: string, token = owner.token) => call(`/api/workspaces/${api.workspaceId}${path}`, { token });
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function login(email: string, password: string, ip: string, userAgent = WINDOWS) {
  return call('/api/auth/login', { body: { email, password }, headers: from(ip, userAgent) });
}

async function member(email: string, role: string, ip: string) {
  const invited = await call(`/api/workspaces/${api.workspaceId}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${api.workspaceId}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
    headers: from(ip, MAC),
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

/** A host user, agent-7: two sign-ins on separate days, a failed one, and three tickets. */
function hostEvents() {
  const grace = { id: 'agent-7', name: 'Grace' };
  const context = { ip: '192.0.2.7', userAgent: WINDOWS };
  const twoDaysAgo = hoursAgo(48);
  const dayAgo = hoursAgo(24);
  const ticket = (n: number, occurredAt: string) => ({ action: 'ticket.created', occurredAt, actor: grace, target: { type: 'ticket', id: `T-${n}` } });
  return [
    { action: 'user.signed_in', occurredAt: twoDaysAgo, actor: grace, context },
    ticket(1, twoDaysAgo),
    { action: 'user.signed_in', occurredAt: dayAgo, actor: grace, context },
    ticket(2, dayAgo),
    ticket(3, dayAgo),
    { action: 'auth.login_failed', occurredAt: hoursAgo(1), actor: grace, context: { ip: '192.0.2.99', userAgent: WINDOWS } },
  ];
}

const seeded = (type: string, data: object, workspaceId: string, actor: object = SYSTEM_ACTOR) => ({
  id: randomUUID(),
  type,
  data,
  metadata: { workspaceId, layer: workspaceId === 'platform' ? 'platform' : 'workspace', actor, result: 'success', occurredAt: new Date().toISOString() },
});

/** A member added by an import who never acted, and another workspace with its own member signing in. */
async function seedDirectly() {
  await api.store.appendToStream(`user-platform.${DORMANT}`, [seeded('UserRegistered', { userId: DORMANT, email: 'dormant@example.com', displayName: 'Dormant' }, 'platform')]);
  const joined = { workspaceId: api.workspaceId, invitationId: 'imported', userId: DORMANT, email: 'dormant@example.com', role: 'viewer' };
  const dormantJoined = await api.store.appendToStream(`workspace-${api.workspaceId}.${api.workspaceId}`, [seeded('MemberJoined', joined, api.workspaceId)]);
  const created = { workspaceId: OTHER_WORKSPACE, name: 'Other', owner: { userId: OUTSIDER, email: 'outsider@example.com' }, settings: {} };
  await api.store.appendToStream(`workspace-${OTHER_WORKSPACE}.${OTHER_WORKSPACE}`, [seeded('WorkspaceCreated', created, OTHER_WORKSPACE)]);
  const signedIn = { userId: OUTSIDER, sessionId: randomUUID(), workspaceId: OTHER_WORKSPACE, ip: '203.0.113.77', userAgent: null };
  await api.store.appendToStream(`user-platform.${OUTSIDER}`, [seeded('SignedIn', signedIn, OTHER_WORKSPACE, { kind: 'user', id: OUTSIDER, name: 'Outsider' })]);
  expect(await waitForCheckpoint(api.pool, DIRECTORY_PROJECTION, dormantJoined.position, 10_000)).toBe(true);
}

async function projected() {
  const last = (await api.store.readAll({ maxCount: 100_000 })).at(-1);
  if (!last) throw new Error('The store is empty');
  expect(await waitForCheckpoint(api.pool, USER_ACTIVITY_PROJECTION, last.position, 10_000)).toBe(true);
}

/** What the owner did in the workspace, as the store holds it: every event they acted in, sign-ins included. */
async function ownerEvents() {
  const { rows } = await api.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM es_events WHERE metadata->>'workspaceId' = $1 AND metadata->'actor'->>'id' = $2
       AND metadata->'actor'->>'impersonatorId' IS NULL AND event_type NOT IN ('AccountLocked', 'PasswordResetRequested', 'PasswordResetFailed', 'SignInFailed')`,
    [api.workspaceId, owner.id],
  );
  return rows[0].n;
}

beforeAll(async () => {
  api = await startTestApi();
  for (const [ip, userAgent] of [['203.0.113.1', WINDOWS], ['203.0.113.1', WINDOWS], ['203.0.113.2', WINDOWS], ['203.0.113.2', IPHONE]]) {
    const signedIn = await login(TEST_OWNER.email, TEST_OWNER.password, ip, userAgent);
    expect(signedIn.status).toBe(200);
    owner = { id: signedIn.body.user.id, token: signedIn.body.token };
  }
  agent = await member('agent@example.com', 'agent', '198.51.100.10');
  viewer = await member('viewer@example.com', 'viewer', '198.51.100.20');
  const attempts = [];
  for (const n of [1, 2, 3, 4, 5]) attempts.push((await login('agent@example.com', 'wrong-password', `198.51.100.${n}`)).status);
  expect(attempts).toEqual([401, 401, 401, 401, 423]);
  const key = await call(`/api/workspaces/${api.workspaceId}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } });
  const ingested = await call('/v1/events', { token: key.body.key, body: { events: hostEvents() } });
  expect(ingested.body).toMatchObject({ accepted: 6, duplicates: 0 });
  await seedDirectly();
  await projected();
}, 90_000);
afterAll(() => api?.close());

describe('user activity, through the whole API', () => {
  it("shows a user's counters, latest device and address, and signals", async () => {
    const expectedActivity = await ownerEvents();
    const { status, body } = await ws(`/users/${owner.id}/activity`);
    expect(status).toBe(200);
    expect(body.user).toEqual({ id: owner.id, name: 'Owner', kind: 'member', role: 'owner' });
    expect(body.stats).toMatchObject({
      loginCount: 4,
      failureCount: 0,
      activityCount: expectedActivity,
      lastIp: '203.0.113.2',
      lastDevice: { type: 'mobile', os: 'iOS 17.4', browser: 'Mobile Safari 17' },
      lastFailureAt: null,
    });
    expect(expectedActivity).toBe(4 + 3); // four sign-ins, two invitations, one API key
    expect(body.signals.map((signal: { kind: string; ip: string }) => [signal.kind, signal.ip])).toEqual([
      ['new_device', '203.0.113.2'],
      ['new_ip', '203.0.113.2'],
    ]);
  });

  it('pages the sign-in history newest first with a keyset cursor', async () => {
    const first = await ws(`/users/${owner.id}/activity?limit=3`);
    const second = await ws(`/users/${owner.id}/activity?limit=3&cursor=${first.body.logins.nextCursor}`);
    const ips = (page: { body: { logins: { items: Array<{ ip: string; result: string }> } } }) => page.body.logins.items.map((item) => `${item.result} ${item.ip}`);
    expect(ips(first)).toEqual(['success 203.0.113.2', 'success 203.0.113.2', 'success 203.0.113.1']);
    expect(ips(second)).toEqual(['success 203.0.113.1']);
    expect(second.body.logins.nextCursor).toBeNull();
    expect(first.body.logins.items[0].device).toEqual({ type: 'mobile', os: 'iOS 17.4', browser: 'Mobile Safari 17' });
    const times = [...first.body.logins.items, ...second.body.logins.items].map((item: { occurredAt: string }) => Date.parse(item.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('lets an agent read their own failures and burst, and a host user be read by an admin', async () => {
    const own = await ws(`/users/${agent.id}/activity`, agent.token);
    expect(own.status).toBe(200);
    expect(own.body.stats).toMatchObject({ loginCount: 1, failureCount: 5, lastIp: '198.51.100.10' });
    expect(own.body.logins.items.map((item: { result: string; reason: string | null }) => `${item.result} ${item.reason}`)).toEqual([
      ...Array(5).fill('failure wrong_password'),
      'success null',
    ]);
    expect(own.body.signals).toEqual([
      expect.objectContaining({ kind: 'account_failure_burst', userId: agent.id, userName: 'agent', failures: 5, accounts: 1, ip: null }),
    ]);

    const host = await ws('/users/agent-7/activity');
    expect(host.body.user).toEqual({ id: 'agent-7', name: 'Grace', kind: 'host', role: null });
    expect(host.body.stats).toMatchObject({ loginCount: 2, failureCount: 1, activityCount: 5, lastIp: '192.0.2.7' });
    expect(host.body.signals).toEqual([]);
  });

  it("refuses another user's activity to an agent, and your own to a viewer, naming the permission", async () => {
    const agentReadsOwner = await ws(`/users/${owner.id}/activity`, agent.token);
    expect(agentReadsOwner.status).toBe(403);
    expect(agentReadsOwner.body.message).toContain('activity.read_workspace');
    const viewerOwn = await ws(`/users/${viewer.id}/activity`, viewer.token);
    expect(viewerOwn.status).toBe(403);
    expect(viewerOwn.body.message).toContain('activity.read_own');
  });

  it('answers 404 for another workspace, its members, and unknown users; 400 for a bad query', async () => {
    expect((await call(`/api/workspaces/${OTHER_WORKSPACE}/users/${OUTSIDER}/activity`, { token: owner.token })).status).toBe(404);
    expect((await ws(`/users/${OUTSIDER}/activity`)).status).toBe(404);
    expect((await ws('/users/nobody/activity')).status).toBe(404);
    const bad = await ws(`/users/${owner.id}/activity?limit=0&cursor=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['cursor', 'limit']);
  });
});

describe('user reports, through the whole API', () => {
  it('counts sign-ins per user, most first', async () => {
    const { status, body } = await ws('/reports/logins');
    expect(status).toBe(200);
    expect(body.users.map((user: { userId: string; logins: number; failures: number; distinctIps: number }) => [user.userId, user.logins, user.failures, user.distinctIps])).toEqual([
      [owner.id, 4, 0, 2],
      ['agent-7', 2, 1, 1],
      [agent.id, 1, 5, 1],
      [viewer.id, 1, 0, 1],
    ]);
    const lastTwoDays = await ws(`/reports/logins?from=${encodeURIComponent(hoursAgo(36))}`);
    expect(lastTwoDays.body.users.find((user: { userId: string }) => user.userId === 'agent-7')).toMatchObject({ logins: 1, failures: 1 });
  });

  it('reports usage as active days and events per user', async () => {
    const { body } = await ws('/reports/usage');
    const [firstById, secondById] = [agent.id, viewer.id].sort();
    expect(body.users.map((user: { userId: string; activeDays: number; events: number }) => [user.userId, user.activeDays, user.events])).toEqual([
      ['agent-7', 2, 5],
      [owner.id, 1, await ownerEvents()],
      [firstById, 1, 3],
      [secondById, 1, 3],
    ]);
  });

  it('lists members with no activity for N days, never-active ones first', async () => {
    const { body } = await ws('/reports/inactive?days=1');
    expect(body.days).toBe(1);
    expect(body.members).toEqual([expect.objectContaining({ userId: DORMANT, name: 'Dormant', role: 'viewer', lastActivityAt: null, lastLoginAt: null })]);
    for (const days of ['0', 'abc', '1.5']) {
      const bad = await ws(`/reports/inactive?days=${days}`);
      expect(bad.status).toBe(400);
      expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['days']);
    }
  });

  it('ranks failed sign-ins by account and by IP', async () => {
    const { body } = await ws('/reports/failed-logins');
    expect(body.byAccount.map((row: { userId: string; failures: number; distinctIps: number }) => [row.userId, row.failures, row.distinctIps])).toEqual([
      [agent.id, 5, 5],
      ['agent-7', 1, 1],
    ]);
    expect(body.byIp.map((row: { ip: string; failures: number }) => `${row.ip} ${row.failures}`)).toEqual([
      ...[5, 4, 3, 2, 1].map((n) => `198.51.100.${n} 1`),
      '192.0.2.99 1',
    ]);
  });

  it('lists security signals latest first, filtered by kind', async () => {
    const { body } = await ws('/reports/security-signals');
    expect(body.signals.map((signal: { kind: string; userId: string }) => [signal.kind, signal.userId])).toEqual([
      ['account_failure_burst', agent.id],
      ['new_device', owner.id],
      ['new_ip', owner.id],
    ]);
    expect((await ws('/reports/security-signals?kind=new_ip')).body.signals).toHaveLength(1);
    expect((await ws('/reports/security-signals?kind=sneaky')).status).toBe(400);
  });

  it('keeps reports to admins and to members of the workspace', async () => {
    for (const report of ['logins', 'usage', 'inactive', 'failed-logins', 'security-signals']) {
      expect((await ws(`/reports/${report}`, agent.token)).status).toBe(403);
      expect((await call(`/api/workspaces/${OTHER_WORKSPACE}/reports/${report}`, { token: owner.token })).status).toBe(404);
    }
  });

  it('documents the routes and their query parameters', async () => {
    const { body } = await call('/api/docs-json');
    const names = (path: string) => body.paths[path].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(names('/api/workspaces/{ws}/users/{userId}/activity')).toEqual(expect.arrayContaining(['ws', 'userId', 'limit', 'cursor']));
    expect(names('/api/workspaces/{ws}/reports/inactive')).toEqual(expect.arrayContaining(['ws', 'days']));
    expect(names('/api/workspaces/{ws}/reports/security-signals')).toEqual(expect.arrayContaining(['from', 'to', 'kind', 'limit']));
  });
});
