import { streams } from '@trailmark/contracts';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import request from 'supertest';
import { type AuthTestApp, createWorkspace, invite, OWNER, startAuthTestApp, typesOf } from './auth-app.fixture';

let postgres: TestPostgres;
let test: AuthTestApp;
let secondId: string;

beforeAll(async () => {
  postgres = await startTestPostgres();
  test = await startAuthTestApp(postgres.url);
  secondId = await createWorkspace(test, 'Second', { userId: test.owner.userId, email: OWNER.email });
}, 60_000);

afterAll(async () => {
  await test?.close();
  await postgres?.stop();
});

const http = () => request(test.app.getHttpServer());
const register = (workspaceId: string, invitationId: string, body: object) =>
  http().post(`/api/workspaces/${workspaceId}/invitations/${invitationId}/register`).send(body);
const accept = (workspaceId: string, invitationId: string, token?: string) => {
  const call = http().post(`/api/workspaces/${workspaceId}/invitations/${invitationId}/accept`);
  return token ? call.set('Authorization', `Bearer ${token}`) : call;
};
const login = async (email: string, password: string): Promise<string> => (await http().post('/api/auth/login').send({ email, password })).body.token;

describe('POST /api/workspaces/:ws/invitations/:invitationId/register', () => {
  const carol = { email: 'carol@example.com', password: 'carol has a long password' };

  it('creates the invited account, joins with the invited role and signs in', async () => {
    const invitationId = await invite(test.store, test.owner.workspaceId, carol.email, 'agent');
    const response = await register(test.owner.workspaceId, invitationId, { displayName: 'Carol', password: carol.password });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      user: { email: carol.email, displayName: 'Carol' },
      workspaces: [{ id: test.owner.workspaceId, name: 'My workspace', role: 'agent' }],
      currentWorkspaceId: test.owner.workspaceId,
      token: expect.stringMatching(/^tms_/),
    });
    expect(response.headers['set-cookie']?.[0]).toMatch(/^trailmark_session=tms_.*HttpOnly/);
    const userId = response.body.user.id;
    const events = await test.store.readStream(streams.user(userId));
    expect(events.map((event) => event.type)).toEqual(['UserRegistered', 'SignedIn']);
    expect(events[0].data).toEqual({ userId, email: carol.email, displayName: 'Carol' });
    const [joined] = await test.store.readStream(streams.workspace(test.owner.workspaceId), { direction: 'backwards', maxCount: 1 });
    expect(joined).toMatchObject({ type: 'MemberJoined', data: { invitationId, userId, role: 'agent' } });
    expect((await http().get('/api/auth/me').set('Authorization', `Bearer ${response.body.token}`)).status).toBe(200);
  });

  it('answers 404 for an invitation already used, and records nothing', async () => {
    const invitationId = await invite(test.store, test.owner.workspaceId, 'once@example.com', 'viewer');
    expect((await register(test.owner.workspaceId, invitationId, { displayName: 'Once', password: 'a long password' })).status).toBe(200);
    const before = await typesOf(test.store, streams.workspace(test.owner.workspaceId));
    const again = await register(test.owner.workspaceId, invitationId, { displayName: 'Twice', password: 'a long password' });
    expect(again.status).toBe(404);
    expect(again.body.message).toBe('This invitation does not exist or has already been used');
    expect(await typesOf(test.store, streams.workspace(test.owner.workspaceId))).toEqual(before);
  });

  it('answers 409 when the invited email already has an account', async () => {
    const invitationId = await invite(test.store, secondId, carol.email, 'viewer');
    const response = await register(secondId, invitationId, { displayName: 'Carol again', password: 'another long password' });
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/sign in and accept the invitation instead/);
  });

  it('answers 400 to a short password, naming the field', async () => {
    const invitationId = await invite(test.store, test.owner.workspaceId, 'short@example.com', 'viewer');
    const response = await register(test.owner.workspaceId, invitationId, { displayName: 'Short', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'password', message: 'must be at least 10 characters' }]);
  });

  it('answers 404 for unknown workspaces and invitations, even malformed ones', async () => {
    expect((await register(test.owner.workspaceId, 'no-such-invitation', { displayName: 'X', password: 'a long password' })).status).toBe(404);
    expect((await register('no.such.workspace', 'x', { displayName: 'X', password: 'a long password' })).status).toBe(404);
  });
});

describe('POST /api/workspaces/:ws/invitations/:invitationId/accept', () => {
  const dave = { email: 'dave@example.com', password: 'dave has a long password' };
  let daveToken: string;

  beforeAll(async () => {
    const invitationId = await invite(test.store, test.owner.workspaceId, dave.email, 'viewer');
    await register(test.owner.workspaceId, invitationId, { displayName: 'Dave', password: dave.password });
    daveToken = await login(dave.email, dave.password);
  });

  it('joins the signed-in member whose email was invited', async () => {
    const invitationId = await invite(test.store, secondId, dave.email, 'admin');
    const response = await accept(secondId, invitationId, daveToken);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ workspace: { id: secondId, name: 'Second', role: 'admin' } });
    const [joined] = await test.store.readStream(streams.workspace(secondId), { direction: 'backwards', maxCount: 1 });
    expect(joined).toMatchObject({ type: 'MemberJoined', data: { invitationId, role: 'admin', email: dave.email } });
    expect(joined.metadata).toMatchObject({ workspaceId: secondId, actor: { kind: 'user', name: 'Dave' } });
    const me = await http().get('/api/auth/me').set('Authorization', `Bearer ${daveToken}`);
    expect(me.body.workspaces.map((w: { id: string }) => w.id)).toEqual([test.owner.workspaceId, secondId]);
    expect((await accept(secondId, invitationId, daveToken)).status).toBe(404);
  });

  it('refuses an invitation sent to someone else with 403, and a member of the workspace with 409', async () => {
    const thirdId = await createWorkspace(test, 'Third', { userId: 'someone-else', email: 'else@example.com' });
    const forErin = await invite(test.store, thirdId, 'erin@example.com', 'viewer');
    const before = await typesOf(test.store, streams.workspace(thirdId));
    expect((await accept(thirdId, forErin, daveToken)).status).toBe(403);
    expect(await typesOf(test.store, streams.workspace(thirdId))).toEqual(before);

    const inMine = await invite(test.store, test.owner.workspaceId, 'frank@example.com', 'viewer');
    expect((await accept(test.owner.workspaceId, inMine, daveToken)).status).toBe(409);
  });

  it('needs a session', async () => {
    const invitationId = await invite(test.store, secondId, 'grace@example.com', 'viewer');
    expect((await accept(secondId, invitationId)).status).toBe(401);
  });
});
