import { streams } from '@trailmark/contracts';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hash } from 'node:crypto';
import { type AdminTestApp, startAdminApp, summary, userActor } from './testing/admin-app.fixture';

let postgres: TestPostgres;
let t: AdminTestApp;
const tokens: Record<string, string> = {};
let workspaces = 0;

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startAdminApp(postgres.url);
  await t.registerUsers(['olive', 'adam', 'aggie', 'vic']);
  for (const userId of ['olive', 'adam', 'aggie', 'vic']) tokens[userId] = await t.signIn(userId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await postgres?.stop();
});

async function workspace() {
  workspaces += 1;
  const ws = `acme_${workspaces}`;
  await t.createWorkspace(ws, 'olive', { adam: 'admin', aggie: 'agent', vic: 'viewer' });
  return ws;
}

const as = (userId: string) => t.as(tokens[userId]);
const paths = (body: { issues: Array<{ path: string }> }) => body.issues.map((issue) => issue.path);

describe('API keys', () => {
  it('shows a new key once, records and stores only its hash, and lists keys without it', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const created = await as('adam').post(`/api/workspaces/${ws}/api-keys`, { name: 'Production' }).expect(201);
    const { id, key } = created.body;
    expect(key).toMatch(new RegExp(`^tmk_${id}_[A-Za-z0-9_-]{43}$`));
    expect(created.body).toEqual({ id, name: 'Production', prefix: key.slice(0, 12), key });

    const events = await t.eventsAfter(mark);
    expect(events.map(summary)).toEqual([
      {
        stream: streams.apiKey(ws, id),
        type: 'ApiKeyCreated',
        data: { apiKeyId: id, workspaceId: ws, name: 'Production', prefix: key.slice(0, 12), keyHash: hash('sha256', key, 'hex') },
        actor: userActor('adam'),
        workspaceId: ws,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(key);
    // Ingestion reads the directory: the key works as soon as the answer came.
    const { rows } = await t.pool.query('SELECT key_hash FROM directory_api_keys WHERE api_key_id = $1', [id]);
    expect(rows).toEqual([{ key_hash: hash('sha256', key, 'hex') }]);

    const listed = await as('adam').get(`/api/workspaces/${ws}/api-keys`).expect(200);
    expect(listed.body).toEqual([{ id, name: 'Production', prefix: key.slice(0, 12), createdAt: expect.any(String), revokedAt: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(hash('sha256', key, 'hex'));
  });

  it('revokes a key at once, and refuses to revoke it twice (409)', async () => {
    const ws = await workspace();
    const { id } = (await as('olive').post(`/api/workspaces/${ws}/api-keys`, { name: 'CI' }).expect(201)).body;
    const mark = await t.mark();
    await as('olive').delete(`/api/workspaces/${ws}/api-keys/${id}`).expect(204);
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      { stream: streams.apiKey(ws, id), type: 'ApiKeyRevoked', data: { apiKeyId: id }, actor: userActor('olive'), workspaceId: ws },
    ]);
    const listed = await as('olive').get(`/api/workspaces/${ws}/api-keys`).expect(200);
    expect(listed.body[0].revokedAt).toEqual(expect.any(String));

    const twice = await as('olive').delete(`/api/workspaces/${ws}/api-keys/${id}`).expect(409);
    expect(twice.body.message).toBe(`API key ${id} is already revoked`);
  });

  it("answers 404 for a key that does not exist, or another workspace's key, and appends nothing", async () => {
    const [ws, other] = [await workspace(), await workspace()];
    const { id } = (await as('olive').post(`/api/workspaces/${other}/api-keys`, { name: 'Other' }).expect(201)).body;
    const mark = await t.mark();
    await as('olive').delete(`/api/workspaces/${ws}/api-keys/no-such-key`).expect(404);
    await as('olive').delete(`/api/workspaces/${ws}/api-keys/${id}`).expect(404);
    expect(await t.eventsAfter(mark)).toEqual([]);
    expect((await as('olive').get(`/api/workspaces/${ws}/api-keys`).expect(200)).body).toEqual([]);
  });

  it('answers 400 without a name, and refuses agents and viewers (403)', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    expect(paths((await as('adam').post(`/api/workspaces/${ws}/api-keys`, {}).expect(400)).body)).toEqual(['name']);
    await as('aggie').post(`/api/workspaces/${ws}/api-keys`, { name: 'Mine' }).expect(403);
    await as('vic').get(`/api/workspaces/${ws}/api-keys`).expect(403);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });
});

describe('webhooks', () => {
  let receiver: Server;
  let base: string;
  const received: Array<{ url?: string; body: unknown; contentType?: string }> = [];

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ url: req.url, body: JSON.parse(body), contentType: req.headers['content-type'] });
        res.statusCode = req.url === '/fail' ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  beforeEach(() => {
    received.length = 0;
  });

  const createHook = async (ws: string, url: string) =>
    (await as('adam').post(`/api/workspaces/${ws}/webhooks`, { url }).expect(201)).body.webhookId as string;

  it('creates, lists and deletes webhooks', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const created = await as('adam').post(`/api/workspaces/${ws}/webhooks`, { url: `${base}/ok`, events: ['MemberInvited', 'ApiKeyCreated'] }).expect(201);
    const { webhookId } = created.body;
    expect(created.body).toEqual({ webhookId: expect.any(String), url: `${base}/ok`, eventTypes: ['MemberInvited', 'ApiKeyCreated'] });
    const other = await createHook(ws, 'https://hooks.example.test/all');

    const listed = await as('adam').get(`/api/workspaces/${ws}/webhooks`).expect(200);
    expect(listed.body).toEqual([
      { webhookId, url: `${base}/ok`, eventTypes: ['MemberInvited', 'ApiKeyCreated'], createdAt: expect.any(String) },
      { webhookId: other, url: 'https://hooks.example.test/all', eventTypes: [], createdAt: expect.any(String) },
    ]);
    await as('adam').delete(`/api/workspaces/${ws}/webhooks/${webhookId}`).expect(204);
    expect((await as('adam').get(`/api/workspaces/${ws}/webhooks`).expect(200)).body.map((hook: { webhookId: string }) => hook.webhookId)).toEqual([other]);

    const recorded = (id: string, type: string, data: object) => ({ stream: streams.webhook(ws, id), type, data, actor: userActor('adam'), workspaceId: ws });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      recorded(webhookId, 'WebhookCreated', { webhookId, workspaceId: ws, url: `${base}/ok`, eventTypes: ['MemberInvited', 'ApiKeyCreated'] }),
      recorded(other, 'WebhookCreated', { webhookId: other, workspaceId: ws, url: 'https://hooks.example.test/all', eventTypes: [] }),
      recorded(webhookId, 'WebhookDeleted', { webhookId }),
    ]);
  });

  it('POSTs a test to the receiver and records what it answered', async () => {
    const ws = await workspace();
    const webhookId = await createHook(ws, `${base}/ok`);
    const mark = await t.mark();
    const tested = await as('adam').post(`/api/workspaces/${ws}/webhooks/${webhookId}/test`).expect(200);
    expect(tested.body).toEqual({ webhookId, deliveryId: expect.any(String), statusCode: 204, succeeded: true });
    expect(received).toEqual([
      { url: '/ok', contentType: 'application/json', body: { type: 'WebhookTest', webhookId, workspaceId: ws, sentAt: expect.any(String) } },
    ]);
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      { stream: streams.webhook(ws, webhookId), type: 'WebhookTested', data: tested.body, actor: userActor('adam'), workspaceId: ws },
    ]);
  });

  it('records a failing receiver and one that cannot be reached', async () => {
    const ws = await workspace();
    const failing = await createHook(ws, `${base}/fail`);
    const unreachable = await createHook(ws, 'http://127.0.0.1:1/nobody-listens');
    const failed = await as('adam').post(`/api/workspaces/${ws}/webhooks/${failing}/test`).expect(200);
    expect(failed.body).toMatchObject({ statusCode: 500, succeeded: false });
    const refused = await as('adam').post(`/api/workspaces/${ws}/webhooks/${unreachable}/test`).expect(200);
    expect(refused.body).toMatchObject({ statusCode: null, succeeded: false });
  });

  it('neither calls nor records a deleted or unknown webhook (409, 404)', async () => {
    const ws = await workspace();
    const webhookId = await createHook(ws, `${base}/ok`);
    await as('adam').delete(`/api/workspaces/${ws}/webhooks/${webhookId}`).expect(204);
    const mark = await t.mark();
    const deleted = await as('adam').post(`/api/workspaces/${ws}/webhooks/${webhookId}/test`).expect(409);
    expect(deleted.body.message).toBe(`Webhook ${webhookId} was deleted`);
    await as('adam').delete(`/api/workspaces/${ws}/webhooks/${webhookId}`).expect(409);
    await as('adam').post(`/api/workspaces/${ws}/webhooks/no-such-hook/test`).expect(404);
    expect(received).toEqual([]);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('answers 400 for a URL that is not http(s) and an unknown event type, and refuses agents (403)', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('adam').post(`/api/workspaces/${ws}/webhooks`, { url: 'ftp://files.example.test', events: ['MemberInvited', 'Nope'] }).expect(400);
    expect(paths(response.body)).toEqual(['url', 'events.1']);
    expect(paths((await as('adam').post(`/api/workspaces/${ws}/webhooks`, { url: 'not a url' }).expect(400)).body)).toEqual(['url']);
    await as('aggie').post(`/api/workspaces/${ws}/webhooks`, { url: `${base}/ok` }).expect(403);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });
});

describe('broadcasts', () => {
  it('sends to the whole workspace unless told otherwise', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const sent = await as('adam').post(`/api/workspaces/${ws}/broadcasts`, { title: 'Maintenance', body: 'Tonight 22:00 UTC' }).expect(201);
    const { broadcastId } = sent.body;
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      {
        stream: streams.broadcast(ws, broadcastId),
        type: 'BroadcastSent',
        data: { broadcastId, workspaceId: ws, subject: 'Maintenance', body: 'Tonight 22:00 UTC', audience: { kind: 'workspace' } },
        actor: userActor('adam'),
        workspaceId: ws,
      },
    ]);
  });

  it('sends to a team or a group of the workspace, and answers 404 for one that does not exist', async () => {
    const ws = await workspace();
    const { teamId } = (await as('adam').post(`/api/workspaces/${ws}/teams`, { name: 'Support' }).expect(201)).body;
    const { groupId } = (await as('adam').post(`/api/workspaces/${ws}/groups`, { name: 'Europe' }).expect(201)).body;
    const send = (audience: object) => as('adam').post(`/api/workspaces/${ws}/broadcasts`, { title: 'Hi', body: 'Hello', audience });
    await send({ kind: 'team', teamId }).expect(201);
    await send({ kind: 'group', groupId }).expect(201);
    const mark = await t.mark();
    expect((await send({ kind: 'team', teamId: 'no-such-team' }).expect(404)).body.message).toBe('Team no-such-team does not exist');
    expect((await send({ kind: 'group', groupId: 'no-such-group' }).expect(404)).body.message).toBe('Group no-such-group does not exist');
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('answers 400 naming the bad fields and refuses viewers (403)', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const response = await as('adam').post(`/api/workspaces/${ws}/broadcasts`, { title: 'Hi', audience: { kind: 'team' } }).expect(400);
    expect(paths(response.body)).toEqual(['body', 'audience.teamId']);
    await as('vic').post(`/api/workspaces/${ws}/broadcasts`, { title: 'Hi', body: 'Hello' }).expect(403);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });
});
