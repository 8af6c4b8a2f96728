import { streams } from '@trailmark/contracts';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import { hash } from 'node:crypto';
import request from 'supertest';
import { handleAccountCommand } from './account-command';
import { unknownEmailStream, userIdForEmail } from './account-identity';
import { type AuthTestApp, createWorkspace, invite, OWNER, quiet, startAuthTestApp, typesOf } from './auth-app.fixture';
import { authSettings } from './auth-options';
import { CredentialsStore } from './credentials.store';
import { ensureOwner } from './ensure-owner';
import { SessionSweeper } from './session-sweeper';

let postgres: TestPostgres;
let test: AuthTestApp;
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

beforeAll(async () => {
  postgres = await startTestPostgres();
  test = await startAuthTestApp(postgres.url, { sessionSweepIntervalMs: 100 });
}, 60_000);

afterAll(async () => {
  await test?.close();
  await postgres?.stop();
});

const http = () => request(test.app.getHttpServer());
const login = (email: string, password: string) => http().post('/api/auth/login').set('User-Agent', USER_AGENT).send({ email, password });
const ownerStream = () => streams.user(test.owner.userId);
const sessionCookie = (response: request.Response) => [response.headers['set-cookie']].flat().find((c) => c?.startsWith('trailmark_session='));

/** A member of the owner's workspace, registered through an invitation. */
async function member(email: string, password = 'a long enough password'): Promise<{ userId: string; token: string }> {
  const invitationId = await invite(test.store, test.owner.workspaceId, email, 'agent');
  const response = await http()
    .post(`/api/workspaces/${test.owner.workspaceId}/invitations/${invitationId}/register`)
    .send({ displayName: email.split('@')[0], password });
  expect(response.status).toBe(200);
  return { userId: response.body.user.id, token: response.body.token };
}

describe('POST /api/auth/login', () => {
  it('signs in: a session cookie (httpOnly, Lax), the token in the body, the workspaces with roles, and SignedIn', async () => {
    const before = await typesOf(test.store, ownerStream());
    const response = await login(OWNER.email, OWNER.password);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user: { id: test.owner.userId, email: OWNER.email, displayName: 'Owner' },
      workspaces: [{ id: test.owner.workspaceId, name: 'My workspace', role: 'owner' }],
      currentWorkspaceId: test.owner.workspaceId,
      token: expect.stringMatching(/^tms_/),
      expiresAt: expect.any(String),
    });
    const cookie = sessionCookie(response);
    expect(cookie).toContain(`trailmark_session=${response.body.token};`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
    expect(await typesOf(test.store, ownerStream())).toEqual([...before, 'SignedIn']);
    const [signedIn] = await test.store.readStream(ownerStream(), { direction: 'backwards', maxCount: 1 });
    expect(signedIn.metadata).toMatchObject({
      workspaceId: test.owner.workspaceId,
      layer: 'workspace',
      actor: { kind: 'user', id: test.owner.userId, name: 'Owner' },
      result: 'success',
      userAgent: USER_AGENT,
      device: { type: 'desktop', os: 'Windows 10', browser: 'Chrome 126' },
      ip: expect.stringContaining('127.0.0.1'),
    });
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const response = await login(OWNER.email, OWNER.password).set('X-Forwarded-Proto', 'https');
    expect(sessionCookie(response)).toMatch(/; Secure/);
  });

  it('answers 401 to a wrong password and records SignInFailed with the reason', async () => {
    const response = await login(OWNER.email, 'not the password');
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Email or password is wrong');
    const [failed] = await test.store.readStream(ownerStream(), { direction: 'backwards', maxCount: 1 });
    expect(failed).toMatchObject({ type: 'SignInFailed', data: { reason: 'wrong_password', failedAttempts: 1, email: OWNER.email } });
    expect(failed.metadata).toMatchObject({ result: 'failure', actor: { kind: 'user', id: test.owner.userId } });
  });

  it('answers an unknown email exactly like a wrong password, and records the attempt on a platform stream', async () => {
    const response = await login('nobody@example.com', 'whatever it is');
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Email or password is wrong');
    const events = await test.store.readStream(unknownEmailStream('nobody@example.com'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'SignInFailed', data: { reason: 'unknown_user', email: 'nobody@example.com' } });
    expect(events[0].metadata).toMatchObject({ workspaceId: 'platform', layer: 'platform', actor: { kind: 'system' }, result: 'failure' });
  });

  it('locks the account at the fifth consecutive failure: 423 then, and even with the right password', async () => {
    const email = 'locked@example.com';
    const password = 'the right password';
    const { userId } = await member(email, password);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await login(email, 'wrong password')).status).toBe(401);
    }
    const fifth = await login(email, 'wrong password');
    expect(fifth.status).toBe(423);
    const withRightPassword = await login(email, password);
    expect(withRightPassword.status).toBe(423);
    expect(withRightPassword.body.message).toMatch(/^Account locked until \d{4}-\d\d-\d\dT/);
    const events = await test.store.readStream(streams.user(userId));
    expect(events.map((event) => event.type)).toEqual([
      'UserRegistered',
      'SignedIn',
      ...Array(5).fill('SignInFailed'),
      'AccountLocked',
      'SignInFailed',
    ]);
    expect(events.find((event) => event.type === 'AccountLocked')?.metadata).toMatchObject({ result: 'warning' });
    expect(events.at(-1)?.data).toMatchObject({ reason: 'account_locked' });
  });

  it('answers 400 naming each invalid field', async () => {
    const response = await http().post('/api/auth/login').send({ email: 'not an email' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      { path: 'email', message: 'must be an email address' },
      { path: 'password', message: expect.any(String) },
    ]);
  });
});

describe('the session', () => {
  it('is accepted from the cookie and as a bearer token by GET /api/auth/me', async () => {
    const { body } = await login(OWNER.email, OWNER.password);
    const expected = { user: body.user, workspaces: body.workspaces, currentWorkspaceId: test.owner.workspaceId };
    const byCookie = await http().get('/api/auth/me').set('Cookie', `trailmark_session=${body.token}`);
    expect(byCookie.status).toBe(200);
    expect(byCookie.body).toEqual(expected);
    const byBearer = await http().get('/api/auth/me').set('Authorization', `Bearer ${body.token}`);
    expect(byBearer.body).toEqual(expected);
    expect((await http().get('/api/auth/me')).status).toBe(401);
  });

  it('ends at logout: 204, the cookie cleared, SignedOut recorded, and the token refused afterwards', async () => {
    const { body } = await login(OWNER.email, OWNER.password);
    const before = await typesOf(test.store, ownerStream());
    const response = await http().post('/api/auth/logout').set('Authorization', `Bearer ${body.token}`);
    expect(response.status).toBe(204);
    expect(sessionCookie(response)).toMatch(/^trailmark_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await http().get('/api/auth/me').set('Authorization', `Bearer ${body.token}`)).status).toBe(401);
    const after = await test.store.readStream(ownerStream());
    expect(after.map((event) => event.type)).toEqual([...before, 'SignedOut']);
    const { rows } = await test.pool.query('SELECT ended_at FROM auth_sessions WHERE token_hash = $1', [hash('sha256', body.token, 'hex')]);
    expect(rows[0].ended_at).toBeInstanceOf(Date);
  });

  it('switches workspace: nothing recorded for the current one, WorkspaceSwitched for another, 404 for a stranger', async () => {
    const otherId = await createWorkspace(test, 'Second', { userId: test.owner.userId, email: OWNER.email });
    const strangerId = await createWorkspace(test, 'Not mine', { userId: 'someone-else', email: 'else@example.com' });
    const { body } = await login(OWNER.email, OWNER.password);
    const as = (workspaceId: string) => http().post('/api/auth/switch-workspace').set('Authorization', `Bearer ${body.token}`).send({ workspaceId });
    const before = await typesOf(test.store, ownerStream());

    expect((await as(test.owner.workspaceId)).status).toBe(200);
    expect(await typesOf(test.store, ownerStream())).toEqual(before);

    const switched = await as(otherId);
    expect(switched.status).toBe(200);
    expect(switched.body.currentWorkspaceId).toBe(otherId);
    const [event] = await test.store.readStream(ownerStream(), { direction: 'backwards', maxCount: 1 });
    expect(event).toMatchObject({ type: 'WorkspaceSwitched', data: { fromWorkspaceId: test.owner.workspaceId, toWorkspaceId: otherId } });

    expect((await as(strangerId)).status).toBe(404);
    expect(await typesOf(test.store, ownerStream())).toEqual([...before, 'WorkspaceSwitched']);
  });

  it('expires: the sweeper records SessionExpired once and closes the row', async () => {
    const { userId, token } = await member('sweep@example.com');
    await test.pool.query("UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hash('sha256', token, 'hex')]);
    expect((await http().get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    await waitUntil(async () => (await typesOf(test.store, streams.user(userId))).includes('SessionExpired'));
    await test.app.get(SessionSweeper).sweep();
    expect(await typesOf(test.store, streams.user(userId))).toEqual(['UserRegistered', 'SignedIn', 'SessionExpired']);
    const { rows } = await test.pool.query('SELECT ended_at FROM auth_sessions WHERE user_id = $1', [userId]);
    expect(rows[0].ended_at).toBeInstanceOf(Date);
  });

  it('expires each session exactly once when several processes sweep at the same time', async () => {
    const members = await Promise.all(['a', 'b', 'c', 'd'].map((name) => member(`sweep-${name}@example.com`)));
    const sweepers = [test.app.get(SessionSweeper), ...Array.from({ length: 3 }, () => new SessionSweeper(test.pool, test.store, authSettings({})))];
    await test.pool.query("UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE user_id = ANY($1)", [members.map((m) => m.userId)]);
    await Promise.all(sweepers.map((sweeper) => sweeper.sweep()));
    for (const { userId } of members) {
      expect(await typesOf(test.store, streams.user(userId))).toEqual(['UserRegistered', 'SignedIn', 'SessionExpired']);
    }
  });
});

describe('password reset', () => {
  const email = 'forgetful@example.com';
  const oldPassword = 'the old password';
  const newPassword = 'a brand new password';
  const userId = userIdForEmail(email);
  const complete = (token: string, password = newPassword) => http().post('/api/auth/password-reset/complete').send({ email, token, password });
  const requestReset = (address: string) => http().post('/api/auth/password-reset/request').send({ email: address });

  beforeAll(async () => {
    await member(email, oldPassword);
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    const sent = test.notifier.requests.length;
    expect((await requestReset('stranger@example.com')).status).toBe(202);
    expect(test.notifier.requests).toHaveLength(sent);
  });

  it('records the token hash, not the token, and delivers the token through the notifier', async () => {
    expect((await requestReset(email)).status).toBe(202);
    const delivered = test.notifier.requests.at(-1);
    expect(delivered).toMatchObject({ userId, email, token: expect.stringMatching(/^tmr_/) });
    const events = await test.store.readStream(streams.user(userId));
    expect(events.at(-1)).toMatchObject({ type: 'PasswordResetRequested', data: { tokenHash: hash('sha256', delivered!.token, 'hex') } });
    expect(JSON.stringify(events)).not.toContain(delivered!.token);
  });

  it('refuses a wrong token with 400 and records PasswordResetFailed', async () => {
    const response = await complete('tmr_not-the-token');
    expect(response.status).toBe(400);
    const [failed] = await test.store.readStream(streams.user(userId), { direction: 'backwards', maxCount: 1 });
    expect(failed).toMatchObject({ type: 'PasswordResetFailed', data: { reason: 'token_mismatch' } });
    expect(failed.metadata).toMatchObject({ result: 'failure' });
  });

  it('refuses a password shorter than 10 characters with 400', async () => {
    const response = await complete(test.notifier.requests.at(-1)!.token, 'short');
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'password', message: 'must be at least 10 characters' }]);
  });

  it('sets the new password, retires the old one and ends every session', async () => {
    const session = await login(email, oldPassword);
    expect(session.status).toBe(200);
    expect((await complete(test.notifier.requests.at(-1)!.token)).status).toBe(204);
    expect((await login(email, oldPassword)).status).toBe(401);
    expect((await login(email, newPassword)).status).toBe(200);
    expect((await http().get('/api/auth/me').set('Authorization', `Bearer ${session.body.token}`)).status).toBe(401);
    const events = await test.store.readStream(streams.user(userId));
    expect(events.find((event) => event.type === 'PasswordResetCompleted')?.data).toEqual({ userId });
  });

  it('refuses an expired token with 400 and records PasswordResetFailed', async () => {
    const token = 'tmr_expired-token';
    const tokenHash = hash('sha256', token, 'hex');
    await handleAccountCommand(
      test.store,
      streams.user(userId),
      { type: 'RequestPasswordReset', data: { userId, tokenHash, expiresAt: new Date(Date.now() - 1000).toISOString() } },
      { workspaceId: 'platform' },
    );
    expect((await complete(token)).status).toBe(400);
    const [failed] = await test.store.readStream(streams.user(userId), { direction: 'backwards', maxCount: 1 });
    expect(failed).toMatchObject({ type: 'PasswordResetFailed', data: { reason: 'token_expired' } });
  });
});

describe('first start', () => {
  it('keeps a password that came from the environment to itself, and does nothing the second time', async () => {
    expect(test.owner).toMatchObject({ email: OWNER.email, password: undefined });
    expect(await ensureOwner({ store: test.store, pool: test.pool, credentials: test.app.get(CredentialsStore), logger: quiet })).toBeUndefined();
    const all = await test.store.readAll({ filter: { eventTypes: ['UserRegistered', 'WorkspaceCreated'] }, maxCount: 1000 });
    expect(all.filter((event) => event.type === 'UserRegistered' && (event.data as { email: string }).email === OWNER.email)).toHaveLength(1);
    expect(all.filter((event) => event.type === 'WorkspaceCreated' && (event.data as { name: string }).name === 'My workspace')).toHaveLength(1);
  });
});

describe('events', () => {
  it('never carry a password hash', async () => {
    const all = await test.store.readAll({ maxCount: 10_000 });
    expect(JSON.stringify(all)).not.toContain('$argon2');
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
