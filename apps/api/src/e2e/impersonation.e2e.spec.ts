import type { RecordedEvent } from '@trailmark/event-store';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let member: { id: string; token: string };

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const workspacePath = () => `/api/workspaces/${api.workspaceId}`;

/** The latest event of `type`, read straight from the store. */
async function latest(type: string): Promise<RecordedEvent> {
  const event = (await api.store.readAll({ filter: { eventTypes: [type] } })).at(-1);
  if (!event) throw new Error(`No ${type} was recorded`);
  return event;
}

beforeAll(async () => {
  api = await startTestApi();
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  const invited = await call(`${workspacePath()}/members`, { token: owner.token, body: { email: 'ada@example.com', role: 'admin' } });
  const registered = await call(`${workspacePath()}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: 'Ada', password: 'ada-password-1' },
  });
  member = { id: registered.body.user.id, token: registered.body.token };
}, 60_000);
afterAll(() => api?.close());

describe('platform admins and impersonation, through the whole API', () => {
  it('makes the first owner a platform admin, recorded and in the directory', async () => {
    const granted = await api.store.readAll({ filter: { eventTypes: ['PlatformAdminGranted'] } });
    expect(granted.map((event) => [event.data, event.metadata['layer']])).toEqual([[{ userId: owner.id }, 'platform']]);
    const { rows } = await api.pool.query('SELECT user_id FROM directory_users WHERE platform_admin');
    expect(rows).toEqual([{ user_id: owner.id }]);
  });

  it('refuses a member who is not a platform admin (403)', async () => {
    const start = await call('/api/platform/impersonation', { token: member.token, body: { userId: owner.id, workspaceId: api.workspaceId, reason: 'Curious' } });
    expect(start.status).toBe(403);
    expect((await call('/api/platform/impersonation', { method: 'DELETE', token: member.token })).status).toBe(403);
  });

  it('acts as the member while impersonating, every event naming the admin, until the impersonation ends', async () => {
    const start = { userId: member.id, workspaceId: api.workspaceId, reason: 'Ticket 4711' };
    expect((await call('/api/platform/impersonation', { token: owner.token, body: start })).status).toBe(201);

    const me = await call('/api/auth/me', { token: owner.token });
    expect(me.body).toEqual({
      user: { id: member.id, email: 'ada@example.com', displayName: 'Ada' },
      workspaces: [{ id: api.workspaceId, name: 'My workspace', role: 'admin' }],
      currentWorkspaceId: api.workspaceId,
      impersonatorId: owner.id,
    });
    expect((await call('/api/auth/switch-workspace', { token: owner.token, body: { workspaceId: api.workspaceId } })).status).toBe(409);

    const impersonated = { kind: 'user', id: member.id, name: 'Ada', impersonatorId: owner.id };
    expect((await call(workspacePath(), { method: 'PATCH', token: owner.token, body: { name: 'Renamed for Ada' } })).status).toBe(200);
    expect((await latest('WorkspaceRenamed')).metadata['actor']).toEqual(impersonated);
    expect((await call(`${workspacePath()}/api-keys`, { token: owner.token, body: { name: 'for Ada' } })).status).toBe(201);
    expect((await latest('ApiKeyCreated')).metadata['actor']).toEqual(impersonated);

    expect((await call('/api/platform/impersonation', { method: 'DELETE', token: owner.token })).status).toBe(204);
    const ended = await latest('ImpersonationEnded');
    expect(ended.metadata['actor']).toEqual({ kind: 'platform_admin', id: owner.id, name: 'Owner' });
    expect(ended.metadata['workspaceId']).toBe(api.workspaceId);

    const after = await call('/api/auth/me', { token: owner.token });
    expect(after.body).toMatchObject({ user: { id: owner.id }, workspaces: [{ id: api.workspaceId, role: 'owner' }] });
    expect(after.body).not.toHaveProperty('impersonatorId');
    expect((await call(workspacePath(), { method: 'PATCH', token: owner.token, body: { name: 'Renamed by the owner' } })).status).toBe(200);
    expect((await latest('WorkspaceRenamed')).metadata['actor']).toEqual({ kind: 'user', id: owner.id, name: 'Owner' });
  }, 30_000);

  it('answers 409 to ending an impersonation when none is running', async () => {
    const ended = await call('/api/platform/impersonation', { method: 'DELETE', token: owner.token });
    expect(ended.status).toBe(409);
    expect(ended.body.message).toBe(`${owner.id} is not impersonating anyone`);
  });
});
