import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { streams } from '@trailmark/contracts';
import type { WorkspaceRole } from '@trailmark/domain';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import request from 'supertest';
import { type AdminTestApp, emailOf, type HttpMethod, nameOf, startAdminApp, summary, userActor } from './testing/admin-app.fixture';

let postgres: TestPostgres;
let t: AdminTestApp;
const tokens: Record<string, string> = {};
let workspaces = 0;

const USERS = ['olive', 'owen', 'adam', 'aggie', 'vic', 'audrey', 'bob'];

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startAdminApp(postgres.url);
  await t.registerUsers(USERS);
  await t.registerUsers(['pat'], { platformAdmin: true });
  for (const userId of [...USERS, 'pat']) tokens[userId] = await t.signIn(userId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await postgres?.stop();
});

/** A new workspace owned by olive, with adam admin, aggie agent, vic viewer and audrey auditor unless told otherwise. */
async function workspace(members: Record<string, WorkspaceRole> = { adam: 'admin', aggie: 'agent', vic: 'viewer', audrey: 'auditor' }) {
  workspaces += 1;
  const ws = `acme_${workspaces}`;
  await t.createWorkspace(ws, 'olive', members);
  return ws;
}

const as = (userId: string) => t.as(tokens[userId]);

describe('GET /api/workspaces/:ws', () => {
  it('shows any member the name, settings, members with their roles and pending invitations', async () => {
    const ws = await workspace();
    await as('adam').post(`/api/workspaces/${ws}/members`, { email: 'new@example.test', role: 'agent' }).expect(201);
    const response = await as('vic').get(`/api/workspaces/${ws}`).expect(200);
    expect(response.body).toEqual({
      workspaceId: ws,
      name: `Workspace ${ws}`,
      settings: {},
      members: [
        { userId: 'olive', email: emailOf('olive'), role: 'owner' },
        { userId: 'adam', email: emailOf('adam'), role: 'admin' },
        { userId: 'aggie', email: emailOf('aggie'), role: 'agent' },
        { userId: 'vic', email: emailOf('vic'), role: 'viewer' },
        { userId: 'audrey', email: emailOf('audrey'), role: 'auditor' },
      ],
      invitations: [{ invitationId: expect.any(String), email: 'new@example.test', role: 'agent' }],
    });
  });

  it('answers 401 without a session or with one that does not exist', async () => {
    const ws = await workspace();
    await request(t.app.getHttpServer()).get(`/api/workspaces/${ws}`).expect(401);
    await t.as('tms_this-session-was-never-created-at-all').get(`/api/workspaces/${ws}`).expect(401);
  });
});

describe('PATCH /api/workspaces/:ws (rename)', () => {
  it('renames, recording the previous name, the admin as actor and the workspace', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('adam').patch(`/api/workspaces/${ws}`, { name: 'Acme Support' }).expect(200);
    expect(response.body).toMatchObject({ workspaceId: ws, name: 'Acme Support' });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.workspace(ws),
        type: 'WorkspaceRenamed',
        data: { workspaceId: ws, previousName: `Workspace ${ws}`, name: 'Acme Support' },
        actor: userActor('adam'),
        workspaceId: ws,
      },
    ]);
  });

  it.each(['aggie', 'vic', 'audrey'])('refuses %s (403) and appends nothing', async (userId) => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as(userId).patch(`/api/workspaces/${ws}`, { name: 'Mine now' }).expect(403);
    expect(response.body.message).toMatch(/does not allow workspace\.administer/);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it.each([
    [{ name: '' }, ['name']],
    [{}, ['name']],
    [{ name: 'ok', colour: 'red' }, ['']],
    [{ name: 42 }, ['name']],
  ])('answers 400 naming the bad fields of %j and appends nothing', async (body, paths) => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('olive').patch(`/api/workspaces/${ws}`, body).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });
});

describe('PATCH /api/workspaces/:ws/settings', () => {
  it('records each changed setting with its previous and new value, and only those', async () => {
    const ws = await workspace();
    await as('adam').patch(`/api/workspaces/${ws}/settings`, { timezone: 'UTC', retentionDays: 365 }).expect(200);
    const mark = await t.mark();
    const response = await as('adam').patch(`/api/workspaces/${ws}/settings`, { timezone: 'Europe/Paris', retentionDays: 365, captureIp: false });
    expect(response.status).toBe(200);
    expect(response.body.settings).toEqual({ timezone: 'Europe/Paris', retentionDays: 365, captureIp: false });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.workspace(ws),
        type: 'WorkspaceSettingsChanged',
        data: {
          workspaceId: ws,
          changes: [
            { setting: 'timezone', previous: 'UTC', current: 'Europe/Paris' },
            { setting: 'captureIp', previous: null, current: false },
          ],
        },
        actor: userActor('adam'),
        workspaceId: ws,
      },
    ]);
  });

  it('answers 400 for no settings, a bad or reserved name, or a value that is not a string, number, boolean or null', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const empty = await as('olive').patch(`/api/workspaces/${ws}/settings`, {}).expect(400);
    expect(empty.body.issues).toEqual([{ path: '', message: 'must name at least one setting' }]);
    const nested = await as('olive').patch(`/api/workspaces/${ws}/settings`, { timezone: { zone: 'UTC' } }).expect(400);
    expect(nested.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['timezone']);
    const reserved = await as('olive').patch(`/api/workspaces/${ws}/settings`, { toString: 'x', 'no spaces': 1 }).expect(400);
    expect(reserved.body.issues).toEqual([
      { path: 'toString', message: expect.stringMatching(/reserved/) },
      { path: 'no spaces', message: expect.stringMatching(/setting name/) },
    ]);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('refuses an agent (403)', async () => {
    const ws = await workspace();
    await as('aggie').patch(`/api/workspaces/${ws}/settings`, { timezone: 'UTC' }).expect(403);
  });
});

describe('members', () => {
  it('lists members with name, email, role and when they joined', async () => {
    const ws = await workspace({ aggie: 'agent' });
    const response = await as('aggie').get(`/api/workspaces/${ws}/members`).expect(200);
    expect(response.body).toEqual([
      { userId: 'olive', email: emailOf('olive'), displayName: nameOf('olive'), role: 'owner', joinedAt: expect.any(String) },
      { userId: 'aggie', email: emailOf('aggie'), displayName: nameOf('aggie'), role: 'agent', joinedAt: expect.any(String) },
    ]);
  });

  it('invites with a role and answers the invitation id', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('adam').post(`/api/workspaces/${ws}/members`, { email: 'new@example.test', role: 'auditor' }).expect(201);
    expect(response.body).toEqual({ invitationId: expect.any(String) });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.workspace(ws),
        type: 'MemberInvited',
        data: { workspaceId: ws, email: 'new@example.test', role: 'auditor', invitationId: response.body.invitationId },
        actor: userActor('adam'),
        workspaceId: ws,
      },
    ]);
  });

  it('refuses to invite an existing member (409 with the reason)', async () => {
    const ws = await workspace();
    const response = await as('adam').post(`/api/workspaces/${ws}/members`, { email: emailOf('aggie'), role: 'agent' }).expect(409);
    expect(response.body.message).toBe(`${emailOf('aggie')} is already a member`);
  });

  it('answers 400 for a bad email and an unknown role, naming both', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('adam').post(`/api/workspaces/${ws}/members`, { email: 'not-an-email', role: 'king' }).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['email', 'role']);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('changes a role, and the next request is authorised with it', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('olive').patch(`/api/workspaces/${ws}/members/adam`, { role: 'agent' }).expect(200);
    expect(response.body).toEqual({ userId: 'adam', email: emailOf('adam'), role: 'agent' });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.workspace(ws),
        type: 'MemberRoleChanged',
        data: { workspaceId: ws, userId: 'adam', previousRole: 'admin', role: 'agent' },
        actor: userActor('olive'),
        workspaceId: ws,
      },
    ]);
    await as('adam').patch(`/api/workspaces/${ws}`, { name: 'Demoted admins cannot rename' }).expect(403);
  });

  it('removes a member, who loses access at once', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    await as('adam').delete(`/api/workspaces/${ws}/members/aggie`).expect(204);
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.workspace(ws),
        type: 'MemberRemoved',
        data: { workspaceId: ws, userId: 'aggie', role: 'agent' },
        actor: userActor('adam'),
        workspaceId: ws,
      },
    ]);
    await as('aggie').get(`/api/workspaces/${ws}`).expect(404);
  });

  it('answers 404 for someone who is not a member', async () => {
    const ws = await workspace();
    await as('olive').delete(`/api/workspaces/${ws}/members/bob`).expect(404);
    await as('olive').patch(`/api/workspaces/${ws}/members/bob`, { role: 'admin' }).expect(404);
  });

  it('protects the last owner from demotion and removal (409 with the reason)', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const demoted = await as('olive').patch(`/api/workspaces/${ws}/members/olive`, { role: 'admin' }).expect(409);
    expect(demoted.body.message).toBe('The last owner cannot be demoted');
    const removed = await as('olive').delete(`/api/workspaces/${ws}/members/olive`).expect(409);
    expect(removed.body.message).toBe('The last owner cannot be removed');
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('lets an owner make another owner, after which the first may step down', async () => {
    const ws = await workspace();
    await as('olive').patch(`/api/workspaces/${ws}/members/adam`, { role: 'owner' }).expect(200);
    await as('olive').patch(`/api/workspaces/${ws}/members/olive`, { role: 'admin' }).expect(200);
    await as('adam').delete(`/api/workspaces/${ws}/members/olive`).expect(204);
  });

  it.each<[string, HttpMethod, string, object | undefined]>([
    ['invite an owner', 'post', '/members', { email: 'boss@example.test', role: 'owner' }],
    ['promote a member to owner', 'patch', '/members/aggie', { role: 'owner' }],
    ['demote an owner', 'patch', '/members/olive', { role: 'agent' }],
    ['remove an owner', 'delete', '/members/olive', undefined],
  ])('refuses an admin to %s (403) and appends nothing', async (_, method, path, body) => {
    const ws = await workspace({ adam: 'admin', aggie: 'agent', owen: 'owner' });
    const mark = await t.mark();
    const response = await as('adam').send(method, `/api/workspaces/${ws}${path}`, body).expect(403);
    expect(response.body.message).toBe('Only an owner can grant or remove the owner role');
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it.each<[string, HttpMethod, string, object | undefined]>([
    ['aggie', 'post', '/members', { email: 'x@example.test', role: 'viewer' }],
    ['vic', 'patch', '/members/aggie', { role: 'viewer' }],
    ['audrey', 'delete', '/members/aggie', undefined],
  ])('refuses %s to %s %s (403)', async (userId, method, path, body) => {
    const ws = await workspace();
    const mark = await t.mark();
    await as(userId).send(method, `/api/workspaces/${ws}${path}`, body).expect(403);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });
});

/** One route of each area, to check what every admin route shares. */
const ROUTES: Array<[HttpMethod, string, object | undefined]> = [
  ['get', '', undefined],
  ['patch', '', { name: 'Taken over' }],
  ['patch', '/settings', { timezone: 'UTC' }],
  ['get', '/members', undefined],
  ['post', '/members', { email: 'spy@example.test', role: 'admin' }],
  ['patch', '/members/bob', { role: 'agent' }],
  ['delete', '/members/bob', undefined],
  ['post', '/teams', { name: 'Spies' }],
  ['post', '/groups', { name: 'Spies' }],
  ['post', '/permission-groups/pg-1/grants', { kind: 'user', id: 'olive' }],
  ['get', '/api-keys', undefined],
  ['post', '/api-keys', { name: 'exfiltration' }],
  ['get', '/webhooks', undefined],
  ['post', '/webhooks', { url: 'https://evil.example.test/hook' }],
  ['post', '/broadcasts', { title: 'Hello', body: 'From outside' }],
];

describe('every admin route', () => {
  let other: string;

  beforeAll(async () => {
    other = 'globex';
    await t.createWorkspace(other, 'bob');
  });

  it.each(ROUTES)('%s %s answers 404 to a member of another workspace and appends nothing', async (method, path, body) => {
    await workspace();
    const mark = await t.mark();
    const response = await as('olive').send(method, `/api/workspaces/${other}${path}`, body).expect(404);
    expect(response.body.message).toBe(`Workspace "${other}" was not found`);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it.each(ROUTES)('%s %s answers 401 without a session', async (method, path, body) => {
    const pending = request(t.app.getHttpServer())[method](`/api/workspaces/${other}${path}`);
    await (body ? pending.send(body) : pending).expect(401);
  });
});

describe('/api/platform/impersonation', () => {
  it('records the start and the end by the platform admin, in the workspace of the person impersonated', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const started = await as('pat').post('/api/platform/impersonation', { userId: 'aggie', workspaceId: ws, reason: 'Ticket 4711' }).expect(201);
    expect(started.body).toEqual({ impersonationId: expect.any(String), targetUserId: 'aggie', workspaceId: ws });
    await as('pat').delete('/api/platform/impersonation').expect(204);
    const events = await t.eventsAfter(mark);
    const platformAdmin = { kind: 'platform_admin', id: 'pat', name: nameOf('pat') };
    const ids = { impersonationId: started.body.impersonationId, impersonatorId: 'pat', targetUserId: 'aggie', workspaceId: ws };
    expect(events.map(summary)).toEqual([
      { stream: streams.impersonation('pat'), type: 'ImpersonationStarted', data: { ...ids, reason: 'Ticket 4711' }, actor: platformAdmin, workspaceId: ws },
      { stream: streams.impersonation('pat'), type: 'ImpersonationEnded', data: ids, actor: platformAdmin, workspaceId: ws },
    ]);
    expect(events.map((event) => event.metadata['layer'])).toEqual(['platform', 'platform']);
  });

  it('refuses a second start while one runs, and an end when none does (409)', async () => {
    const ws = await workspace();
    await as('pat').post('/api/platform/impersonation', { userId: 'aggie', workspaceId: ws, reason: 'Ticket 1' }).expect(201);
    const again = await as('pat').post('/api/platform/impersonation', { userId: 'vic', workspaceId: ws, reason: 'Ticket 2' }).expect(409);
    expect(again.body.message).toBe('pat is already impersonating someone');
    await as('pat').delete('/api/platform/impersonation').expect(204);
    const ended = await as('pat').delete('/api/platform/impersonation').expect(409);
    expect(ended.body.message).toBe('pat is not impersonating anyone');
  });

  it('answers 404 for someone who is not a member of the workspace', async () => {
    const ws = await workspace();
    await as('pat').post('/api/platform/impersonation', { userId: 'bob', workspaceId: ws, reason: 'Ticket 3' }).expect(404);
  });

  it("acts as the member, in that workspace only, every event naming the admin, until any of the admin's sessions ends it", async () => {
    const ws = await workspace();
    const other = await workspace();
    await as('pat').post('/api/platform/impersonation', { userId: 'adam', workspaceId: ws, reason: 'Ticket 5' }).expect(201);
    const mark = await t.mark();
    await as('pat').patch(`/api/workspaces/${ws}`, { name: 'Renamed for adam' }).expect(200);
    await as('pat').get(`/api/workspaces/${other}`).expect(404);
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.workspace(ws),
        type: 'WorkspaceRenamed',
        data: { workspaceId: ws, previousName: `Workspace ${ws}`, name: 'Renamed for adam' },
        actor: { ...userActor('adam'), impersonatorId: 'pat' },
        workspaceId: ws,
      },
    ]);
    await t.as(await t.signIn('pat')).delete('/api/platform/impersonation').expect(204);
    await as('pat').get(`/api/workspaces/${ws}`).expect(404);
  });

  it("authorises with the member's role", async () => {
    const ws = await workspace();
    await as('pat').post('/api/platform/impersonation', { userId: 'vic', workspaceId: ws, reason: 'Ticket 6' }).expect(201);
    await as('pat').get(`/api/workspaces/${ws}`).expect(200);
    const refused = await as('pat').patch(`/api/workspaces/${ws}`, { name: 'Not for a viewer' }).expect(403);
    expect(refused.body.message).toBe('Your role "viewer" does not allow workspace.administer in this workspace');
    await as('pat').delete('/api/platform/impersonation').expect(204);
  });

  it('refuses anyone who is not a platform admin, even a workspace owner (403), and appends nothing', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    await as('olive').post('/api/platform/impersonation', { userId: 'aggie', workspaceId: ws, reason: 'Curious' }).expect(403);
    await as('olive').delete('/api/platform/impersonation').expect(403);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('answers 400 without a reason and 401 without a session', async () => {
    const ws = await workspace();
    const response = await as('pat').post('/api/platform/impersonation', { userId: 'aggie', workspaceId: ws }).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['reason']);
    await request(t.app.getHttpServer()).post('/api/platform/impersonation').send({ userId: 'aggie', workspaceId: ws, reason: 'x' }).expect(401);
  });
});

describe('the OpenAPI document', () => {
  it('documents every route with its body, under session auth', () => {
    const document = SwaggerModule.createDocument(t.app, new DocumentBuilder().addCookieAuth('trailmark_session').addBearerAuth().build());
    const invite = document.paths['/api/workspaces/{ws}/members'].post;
    expect(invite?.security).toEqual(expect.arrayContaining([{ cookie: [] }, { bearer: [] }]));
    expect(invite?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', properties: { email: { type: 'string' }, role: { enum: expect.arrayContaining(['owner']) } } } } },
    });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/platform/impersonation',
      '/api/workspaces/{ws}',
      '/api/workspaces/{ws}/api-keys',
      '/api/workspaces/{ws}/api-keys/{id}',
      '/api/workspaces/{ws}/broadcasts',
      '/api/workspaces/{ws}/groups',
      '/api/workspaces/{ws}/groups/{groupId}',
      '/api/workspaces/{ws}/groups/{groupId}/groups',
      '/api/workspaces/{ws}/groups/{groupId}/groups/{childGroupId}',
      '/api/workspaces/{ws}/groups/{groupId}/members',
      '/api/workspaces/{ws}/groups/{groupId}/members/{userId}',
      '/api/workspaces/{ws}/members',
      '/api/workspaces/{ws}/members/{userId}',
      '/api/workspaces/{ws}/permission-groups/{permissionGroupId}/grants',
      '/api/workspaces/{ws}/permission-groups/{permissionGroupId}/grants/{kind}/{granteeId}',
      '/api/workspaces/{ws}/settings',
      '/api/workspaces/{ws}/teams',
      '/api/workspaces/{ws}/teams/{teamId}',
      '/api/workspaces/{ws}/teams/{teamId}/members',
      '/api/workspaces/{ws}/teams/{teamId}/members/{userId}',
      '/api/workspaces/{ws}/webhooks',
      '/api/workspaces/{ws}/webhooks/{id}',
      '/api/workspaces/{ws}/webhooks/{id}/test',
    ]);
  });
});
