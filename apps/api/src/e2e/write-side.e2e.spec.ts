import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(() => api?.close());

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);

const countEvents = async (type: string) =>
  Number((await api.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events WHERE event_type = $1', [type])).rows[0].n);

describe('the write side, wired together in one API', () => {
  it('signs in, creates an API key, ingests with it, and stops taking events once it is revoked', async () => {
    const login = await call('/api/auth/login', { body: TEST_OWNER, headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15' } });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/trailmark_session=.*HttpOnly/i);
    expect(login.body.workspaces).toEqual([{ id: api.workspaceId, name: 'My workspace', role: 'owner' }]);
    const token = login.body.token as string;

    const created = await call(`/api/workspaces/${api.workspaceId}/api-keys`, { token, body: { name: 'helpdesk' } });
    expect(created.status).toBe(201);
    const key = created.body.key as string;

    const ingest = () =>
      call('/v1/events', {
        token: key,
        body: {
          events: [
            { id: 'evt-1', action: 'ticket.created', actor: { id: 'agent-7', name: 'Grace' }, target: { type: 'ticket', id: 'T-1', name: 'Printer on fire' } },
            { id: 'evt-2', action: 'invoice.paid_late', actor: { id: 'agent-7', name: 'Grace' } },
          ],
        },
      });
    const first = await ingest();
    expect(first.status).toBe(202);
    expect(first.body.results).toEqual([
      { id: 'evt-1', status: 'accepted' },
      { id: 'evt-2', status: 'accepted' },
    ]);
    expect((await ingest()).body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await countEvents('TicketCreated')).toBe(1);
    expect(await countEvents('ActivityRecorded')).toBe(1);

    const [signedIn] = (await api.pool.query('SELECT metadata FROM es_events WHERE event_type = $1', ['SignedIn'])).rows;
    expect(signedIn.metadata).toMatchObject({ actor: { kind: 'user', name: expect.any(String) }, device: { type: 'desktop', os: 'macOS 14.5', browser: 'Safari 17' } });

    const revoked = await call(`/api/workspaces/${api.workspaceId}/api-keys/${created.body.id}`, { method: 'DELETE', token });
    expect(revoked.status).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect((await ingest()).status).toBe(401);
  }, 30_000);

  it('answers bad input with 400 and the path, unknown sessions with 401, and stores nothing for them', async () => {
    const before = await countEvents('TicketCreated');
    const bad = await call('/v1/events', { token: 'tmk_nope_nope', body: { events: [{ action: 'ticket.created' }] } });
    expect(bad.status).toBe(401);
    expect((await call(`/api/workspaces/${api.workspaceId}/members`)).status).toBe(401);
    const login = await call('/api/auth/login', { body: { email: 'not-an-email', password: '' } });
    expect(login.status).toBe(400);
    expect(login.body.issues.map((issue: { path: string }) => issue.path)).toEqual(expect.arrayContaining(['email']));
    expect(await countEvents('TicketCreated')).toBe(before);
  });

  it('documents auth, administration and ingestion in one OpenAPI document', async () => {
    const { body } = await call('/api/docs-json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/auth/login', '/api/workspaces/{ws}/members', '/api/workspaces/{ws}/api-keys', '/v1/events']),
    );
  });
});
