import { ALERT_RULES_REACTOR, waitForCheckpoint } from '@trailmark/projections';
import { randomUUID } from 'node:crypto';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { connectLive } from '../testing/live-client';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { id: string; token: string };
let ruleId: string;

const OTHER = 'ws-notifications-other';
const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const ws = (path: string, token: string, options: Omit<ApiCallOptions, 'token'> = {}) => call(`/api/workspaces/${api.workspaceId}${path}`, { token, ...options });

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${api.workspaceId}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${api.workspaceId}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    const value = await read();
    if (done(value) || tries > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const unread = async (token: string) => (await ws('/notifications/unread-count', token)).body.unread as number;
const failSignIn = () => call('/api/auth/login', { body: { email: 'agent@example.com', password: 'wrong-password-1' } });

/** Waits until the alert reactor has evaluated everything in the store now. */
async function evaluated() {
  const last = (await api.store.readAll({ maxCount: 100_000 })).at(-1);
  expect(await waitForCheckpoint(api.pool, ALERT_RULES_REACTOR, last!.position, 10_000)).toBe(true);
}

const failedSignInRule = {
  name: 'Failed sign-ins',
  scope: 'workspace',
  recipients: { roles: ['owner'] },
  match: { eventTypes: ['SignInFailed'], result: 'failure' },
  channels: ['in_app'],
};

beforeAll(async () => {
  api = await startTestApi();
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const created = { workspaceId: OTHER, name: 'Other', owner: { userId: 'u-outsider', email: 'outsider@example.com' }, settings: {} };
  const metadata = { workspaceId: OTHER, layer: 'workspace', actor: { kind: 'user', id: 'u-outsider', name: 'Outsider' }, result: 'success', occurredAt: new Date().toISOString() };
  await api.store.appendToStream(`workspace-${OTHER}.${OTHER}`, [{ id: randomUUID(), type: 'WorkspaceCreated', data: created, metadata }]);
  const rule = { ruleId: 'rule-other', workspaceId: OTHER, scope: { kind: 'personal', ownerId: 'u-outsider' }, name: 'Theirs', match: { eventTypes: ['SignedIn'], categories: [] }, channels: ['in_app'] };
  await api.store.appendToStream(`alertrule-${OTHER}.rule-other`, [{ id: randomUUID(), type: 'AlertRuleCreated', data: rule, metadata }]);
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('alert rules API', () => {
  it('creates a workspace rule for owners and admins, recorded as AlertRuleCreated', async () => {
    const { status, body } = await ws('/alert-rules', owner.token, { body: failedSignInRule });
    expect(status).toBe(201);
    ruleId = body.ruleId;
    expect(body).toEqual({
      ruleId: expect.any(String),
      name: 'Failed sign-ins',
      scope: 'workspace',
      ownerId: null,
      recipients: { userIds: [], roles: ['owner'] },
      match: { eventTypes: ['SignInFailed'], categories: [], result: 'failure', actorId: null },
      channels: ['in_app'],
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const stored = (await api.store.readStream(`alertrule-${api.workspaceId}.${ruleId}`)).map(({ type, metadata }) => [type, (metadata['actor'] as { id: string }).id]);
    expect(stored).toEqual([['AlertRuleCreated', owner.id]]);
  });

  it('lets an agent keep a personal rule that only they see, and refuses them workspace rules (403)', async () => {
    const personal = { name: 'My sign-ins', scope: 'personal', match: { eventTypes: ['SignedIn'] }, channels: ['in_app'] };
    const created = await ws('/alert-rules', agent.token, { body: personal });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'personal', ownerId: agent.id, recipients: null });
    expect((await ws('/alert-rules', agent.token, { body: failedSignInRule })).status).toBe(403);
    expect((await ws(`/alert-rules/${ruleId}/disable`, agent.token, { method: 'POST' })).status).toBe(403);
    expect((await ws('/alert-rules', agent.token)).body.map((rule: { name: string }) => rule.name)).toEqual(['My sign-ins']);
    expect((await ws('/alert-rules', owner.token)).body.map((rule: { name: string }) => rule.name)).toEqual(['Failed sign-ins']);
    expect((await ws(`/alert-rules/${created.body.ruleId}`, owner.token, { method: 'DELETE' })).status).toBe(404);
    expect((await ws('/alert-rules', viewer.token)).body).toEqual([]);
  });

  it('answers 400 naming each bad field, from the schema and from the decider', async () => {
    const schema = await ws('/alert-rules', owner.token, { body: { ...failedSignInRule, match: { eventTypes: ['NoSuchEvent'] }, channels: ['pager'] } });
    expect(schema.status).toBe(400);
    expect(schema.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['match.eventTypes.0', 'channels.0']);
    const unnamed = await ws('/alert-rules', owner.token, { body: { ...failedSignInRule, name: '   ' } });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ code: 'alert_rule_unnamed', issues: [{ path: 'name', message: 'must be 1 to 100 characters' }] });
    const nobody = await ws('/alert-rules', owner.token, { body: { ...failedSignInRule, recipients: { roles: [] } } });
    expect(nobody.body).toMatchObject({ statusCode: 400, code: 'alert_rule_without_recipient', issues: [{ path: 'scope' }] });
    const personalWithRecipients = await ws('/alert-rules', owner.token, { body: { ...failedSignInRule, scope: 'personal' } });
    expect(personalWithRecipients.body).toMatchObject({ statusCode: 400, issues: [{ path: 'recipients' }] });
  });

  it('keeps other workspaces out: 404 for their routes and for their rules by id', async () => {
    expect((await call(`/api/workspaces/${OTHER}/alert-rules`, { token: owner.token })).status).toBe(404);
    expect((await call(`/api/workspaces/${OTHER}/notifications`, { token: owner.token })).status).toBe(404);
    expect((await ws('/alert-rules/rule-other/disable', owner.token, { method: 'POST' })).status).toBe(404);
  });
});

describe('notifications API', () => {
  it('notifies the recipients of a matching rule, and nobody else', async () => {
    expect((await failSignIn()).status).toBe(401);
    expect(await eventually(() => unread(owner.token), (n) => n === 1)).toBe(1);
    const { body } = await ws('/notifications', owner.token);
    expect(body).toEqual({
      items: [
        {
          id: expect.any(String),
          ruleId,
          ruleName: 'Failed sign-ins',
          label: 'Sign-in failed',
          sourceEventId: expect.any(String),
          sourceType: 'SignInFailed',
          raisedAt: expect.any(String),
          readAt: null,
        },
      ],
      nextCursor: null,
      unread: 1,
    });
    await evaluated();
    expect(await unread(agent.token)).toBe(0);
    expect(await unread(viewer.token)).toBe(0);
  });

  it('pages newest first with a cursor, and refuses a bad one with 400', async () => {
    await failSignIn();
    await eventually(() => unread(owner.token), (n) => n === 2);
    const first = await ws('/notifications?limit=1', owner.token);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await ws(`/notifications?limit=1&cursor=${first.body.nextCursor}`, owner.token);
    expect(second.body).toMatchObject({ nextCursor: null, unread: 2 });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].raisedAt <= first.body.items[0].raisedAt).toBe(true);
    const bad = await ws('/notifications?limit=0&cursor=%24%24', owner.token);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['limit', 'cursor']);
  });

  it('marks one read, then all, each recorded once as NotificationsRead; another member\'s is a 404', async () => {
    const [newest, oldest] = (await ws('/notifications', owner.token)).body.items;
    expect((await ws(`/notifications/${newest.id}/read`, agent.token, { method: 'POST' })).status).toBe(404);
    expect((await ws(`/notifications/${newest.id}/read`, owner.token, { method: 'POST' })).body).toEqual({ read: 1, unread: 1 });
    expect((await ws(`/notifications/${newest.id}/read`, owner.token, { method: 'POST' })).body).toEqual({ read: 0, unread: 1 });
    expect((await ws('/notifications/read-all', owner.token, { method: 'POST' })).body).toEqual({ read: 1, unread: 0 });
    const reads = (await api.store.readStream(`notification-${api.workspaceId}.${owner.id}`)).filter(({ type }) => type === 'NotificationsRead');
    expect(reads.map(({ data }) => data)).toEqual([
      { recipientId: owner.id, notificationIds: [newest.id] },
      { recipientId: owner.id, notificationIds: [oldest.id] },
    ]);
    expect((await ws('/notifications?unread=true', owner.token)).body.items).toEqual([]);
  });

  it('raises nothing for a disabled rule', async () => {
    const disabled = await ws(`/alert-rules/${ruleId}/disable`, owner.token, { method: 'POST' });
    expect(disabled.body).toMatchObject({ ruleId, enabled: false });
    await failSignIn();
    await evaluated();
    expect(await unread(owner.token)).toBe(0);
    expect((await api.store.readAll({ maxCount: 100_000 })).filter(({ type }) => type === 'AlertRaised')).toHaveLength(2);
  });
});

describe('live notifications', () => {
  it('pushes each alert to its recipient\'s own notifications channel only, then the read', async () => {
    const ownerLive = connectLive(api.url, { token: owner.token });
    const agentLive = connectLive(api.url, { token: agent.token });
    try {
      const channel = { kind: 'notifications' as const, workspaceId: api.workspaceId };
      expect(await ownerLive.subscribe(channel)).toEqual({ ok: true, channelKey: `notifications:${api.workspaceId}` });
      expect(await agentLive.subscribe(channel)).toEqual({ ok: true, channelKey: `notifications:${api.workspaceId}` });
      const key = `notifications:${api.workspaceId}`;
      expect((await ws(`/alert-rules/${ruleId}/enable`, owner.token, { method: 'POST' })).body.enabled).toBe(true);
      await failSignIn();
      await ownerLive.until('the alert', () => ownerLive.items(key).length === 1);
      const [pushed] = ownerLive.items(key);
      expect(pushed).toMatchObject({ type: 'AlertRaised', streamName: `notification-${api.workspaceId}.${owner.id}`, label: 'Alert raised' });
      expect(await eventually(() => unread(owner.token), (n) => n === 1)).toBe(1);
      expect((await ws(`/notifications/${pushed.eventId}/read`, owner.token, { method: 'POST' })).body).toEqual({ read: 1, unread: 0 });
      await ownerLive.until('the read', () => ownerLive.items(key).length === 2);
      expect(ownerLive.items(key).map(({ type }) => type)).toEqual(['AlertRaised', 'NotificationsRead']);
      expect(agentLive.items(key)).toEqual([]);
    } finally {
      ownerLive.close();
      agentLive.close();
    }
  });
});
