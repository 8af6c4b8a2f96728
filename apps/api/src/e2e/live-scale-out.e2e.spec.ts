import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityItem } from '@trailmark/contracts';
import { freePort, startTestPostgres, startTestRedis, testPool, type TestPostgres, type TestRedis } from '@trailmark/testing';
import type { Pool } from 'pg';
import { callApi } from '../testing/api-call';
import { type ApiProcess, expectExitCode, REPO_ROOT, spawnApi, waitForHealthy } from '../testing/api-process';
import { connectLive, type LiveClient } from '../testing/live-client';

jest.setTimeout(120_000);

const OWNER = { email: 'owner@example.com', password: 'owner-password-1' };

let postgres: TestPostgres;
let redis: TestRedis;
let pool: Pool;
let dataDir: string;
let nodeA: ApiProcess;
let nodeB: ApiProcess;
let projector: { child: ChildProcess; output: () => string };
let ws: string;
let token: string;
let apiKey: string;
const clients: LiveClient[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The projector process as `npm run` would start it (apps cannot import each other's test helpers). */
function startProjector(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-r', './tools/scripts/register.cjs', join('apps', 'projector', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, LOG_LEVEL: 'info' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** An api node with projections off; the projector publishes the feed through Redis. */
async function apiNode(): Promise<ApiProcess> {
  return spawnApi({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    TRAILMARK_PROJECTIONS: 'off',
    TRAILMARK_DATA_DIR: dataDir,
    TRAILMARK_OWNER_EMAIL: OWNER.email,
    TRAILMARK_OWNER_PASSWORD: OWNER.password,
    TRAILMARK_LIVE_SESSION_CHECK_MS: '500',
  });
}

/** Signs in through `node`, retrying while the projector has not yet put the first owner in the directory. */
async function signIn(node: ApiProcess): Promise<{ token: string; workspaceId: string }> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
    const login = await callApi(node.baseUrl, '/api/auth/login', { body: OWNER });
    if (login.status === 200) return { token: login.body.token, workspaceId: login.body.currentWorkspaceId };
  }
  throw new Error(`Could not sign in:\n${node.output()}`);
}

async function ingest(node: ApiProcess, label: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => ({ id: `${label}-${i}`, action: 'ticket.created', actor: { id: 'agent-7', name: 'Grace' }, target: { type: 'ticket', id: `${label}-${i}` } }));
  const answer = await callApi(node.baseUrl, '/v1/events', { token: apiKey, body: { events } });
  expect(answer.body).toMatchObject({ accepted: count, duplicates: 0 });
}

/** The workspace's feed rows after `after`, once `count` of them are on records named `prefix`*. */
async function feedHolds(count: number, after: string, prefix: string): Promise<Array<[string, string]>> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    const { rows } = await pool.query<{ position: string; event_id: string; record_id: string }>(
      'SELECT position, event_id, record_id FROM activity_feed WHERE workspace_id = $1 AND position > $2 ORDER BY position',
      [ws, after],
    );
    if (rows.filter((row) => row.record_id?.startsWith(prefix)).length >= count) return rows.map((row) => [row.position, row.event_id]);
  }
  throw new Error(`The feed did not reach ${count} rows on ${prefix}*`);
}

async function watching(node: ApiProcess, as = token): Promise<{ client: LiveClient; key: string; from: string }> {
  const client = connectLive(node.baseUrl, { token: as, resume: true });
  clients.push(client);
  await client.connected();
  const ack = await client.subscribe({ kind: 'workspace', workspaceId: ws });
  if (!ack.ok) throw new Error(ack.message);
  await client.until('the catch-up', () => client.caughtUp.length === 1);
  return { client, key: ack.channelKey, from: client.caughtUp[0].position ?? '' };
}

const delivered = (items: ActivityItem[]) => items.map((item): [string, string] => [item.position, item.eventId]);

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  pool = testPool(postgres.url, 2);
  dataDir = await mkdtemp(join(tmpdir(), 'trailmark-live-'));
  projector = startProjector();
  [nodeA, nodeB] = await Promise.all([apiNode(), apiNode()]);
  await Promise.all([waitForHealthy(nodeA), waitForHealthy(nodeB)]);
  ({ token, workspaceId: ws } = await signIn(nodeA));
  apiKey = (await callApi(nodeA.baseUrl, `/api/workspaces/${ws}/api-keys`, { token, body: { name: 'load' } })).body.key;
}, 120_000);

afterAll(async () => {
  clients.forEach((client) => client.close());
  for (const node of [nodeA, nodeB].filter((node) => node && node.child.exitCode === null && node.child.signalCode === null)) {
    node.child.kill('SIGKILL');
    await node.exited;
  }
  projector?.child.kill('SIGKILL');
  await pool?.end();
  await Promise.all([redis?.stop(), postgres?.stop()]);
  await rm(dataDir, { recursive: true, force: true });
});

describe('live updates across two api nodes, one projector and Redis', () => {
  it('pushes an event ingested through node A to a client on node B', async () => {
    const { client, key, from } = await watching(nodeB);
    await ingest(nodeA, 'via-a', 1);
    await client.until('the event', () => client.items(key).some((item) => item.record?.id === 'via-a-0'));
    // The API key made just before may reach the feed after the subscription started: then it comes first.
    expect(delivered(client.items(key))).toEqual(await feedHolds(1, from, 'via-a'));
    expect(client.items(key).at(-1)).toMatchObject({ type: 'TicketCreated', record: { type: 'ticket', id: 'via-a-0' } });
  });

  it('gives every client every event exactly once, in order, across a Redis restart', async () => {
    const watchers = [await watching(nodeA), await watching(nodeB)];
    const from = watchers[0].from < watchers[1].from ? watchers[0].from : watchers[1].from;
    let sent = 0;
    const load = async (untilMs: number) => {
      for (const end = Date.now() + untilMs; Date.now() < end; await sleep(100)) {
        await ingest(sent % 2 === 0 ? nodeA : nodeB, `load-${sent}`, 5);
        sent += 1;
      }
    };
    await load(1500);
    await redis.stop();
    await load(1500);
    // A dropped connection too: the client reconnects and resubscribes from the last position it holds.
    watchers[1].client.socket.io.engine.close();
    await load(1500);
    await redis.start();
    await load(2000);
    expect(projector.output()).toContain('The live publisher could not send a batch; nodes will catch up from the database');

    const expected = await feedHolds(sent * 5, from, 'load-');
    for (const { client, key } of watchers) {
      await client.until(`${expected.length} items`, () => client.items(key).length >= expected.length, 30_000);
    }
    await sleep(1500);
    for (const { client, key, from: after } of watchers) {
      expect(delivered(client.items(key))).toEqual(expected.filter(([position]) => position > after));
    }
    expect(watchers.map(({ client }) => client.connects)).toEqual([1, 2]);
  });

  it('disconnects, within the session check, a socket on node B whose session ended through node A', async () => {
    const second = (await callApi(nodeA.baseUrl, '/api/auth/login', { body: OWNER })).body.token as string;
    const { client } = await watching(nodeB, second);
    expect((await callApi(nodeA.baseUrl, '/api/auth/logout', { method: 'POST', token: second })).status).toBe(204);
    await client.until('the disconnect', () => client.socket.disconnected, 5000);
  });

  it('disconnects an admin demoted through node A from the workspace feed on node B', async () => {
    const invited = await callApi(nodeA.baseUrl, `/api/workspaces/${ws}/members`, { token, body: { email: 'admin@example.com', role: 'admin' } });
    const admin = await callApi(nodeA.baseUrl, `/api/workspaces/${ws}/invitations/${invited.body.invitationId}/register`, {
      body: { displayName: 'Admin', password: 'member-password-1' },
    });
    const { client } = await watching(nodeB, admin.body.token);
    const demoted = await callApi(nodeA.baseUrl, `/api/workspaces/${ws}/members/${admin.body.user.id}`, { method: 'PATCH', token, body: { role: 'agent' } });
    expect(demoted.status).toBe(200);
    await client.until('the disconnect', () => client.socket.disconnected, 5000);
    const again = connectLive(nodeB.baseUrl, { token: admin.body.token });
    clients.push(again);
    await again.connected();
    expect(await again.subscribe({ kind: 'workspace', workspaceId: ws })).toMatchObject({ ok: false, status: 403 });
  });

  it('shuts a node down cleanly with clients connected', async () => {
    nodeA.child.kill('SIGTERM');
    await expectExitCode(nodeA, 0);
  });
});
