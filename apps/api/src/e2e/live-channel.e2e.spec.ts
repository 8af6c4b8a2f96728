import { randomUUID } from 'node:crypto';
import { type ActivityItem, type LiveChannel, SYSTEM_ACTOR } from '@trailmark/contracts';
import type { Position } from '@trailmark/event-store';
import { ACTIVITY_FEED_PROJECTION, STATS_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { connectLive, type LiveClient, type LiveClientOptions } from '../testing/live-client';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let ws: string;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { token: string };
let apiKey: string;
const clients: LiveClient[] = [];

jest.setTimeout(30_000);

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function live(token: string | undefined, options: LiveClientOptions = {}): LiveClient {
  const client = connectLive(api.url, { token, ...options });
  clients.push(client);
  return client;
}

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${ws}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${ws}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

/** `count` host events on tickets named after `label`, or all on `ticket` when given. */
async function ingest(label: string, count: number, ticket?: string): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => ({
    id: `${label}-${i}`,
    action: 'ticket.created',
    actor: { id: 'agent-7', name: 'Grace' },
    target: { type: 'ticket', id: ticket ?? `${label}-${i}`, name: `Ticket ${label} ${i}` },
  }));
  expect((await call('/v1/events', { token: apiKey, body: { events } })).body).toMatchObject({ accepted: count, duplicates: 0 });
}

async function projected(): Promise<void> {
  const last = (await api.store.readAll({ maxCount: 100_000 })).at(-1);
  expect(await waitForCheckpoint(api.pool, ACTIVITY_FEED_PROJECTION, last!.position, 10_000)).toBe(true);
}

/** The workspace's feed rows after `after`, as the live channel must deliver them. */
async function feedAfter(after: string, where = 'true', params: string[] = []): Promise<Array<[string, string]>> {
  const { rows } = await api.pool.query<{ position: string; event_id: string }>(
    `SELECT position, event_id FROM activity_feed WHERE workspace_id = $1 AND position > $2 AND ${where} ORDER BY position`,
    [ws, after, ...params],
  );
  return rows.map((row) => [row.position, row.event_id]);
}

/** The feed rows after `after` once there are `count` of them (the store's $all may hold back the newest for a moment). */
async function feedHolds(count: number, after: string, where?: string, params?: string[]): Promise<Array<[string, string]>> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
    const rows = await feedAfter(after, where, params);
    if (rows.length >= count) return rows;
  }
  throw new Error(`The feed did not reach ${count} rows after ${after}`);
}

const delivered = (items: ActivityItem[]) => items.map((item): [string, string] => [item.position, item.eventId]);

async function subscribed(token: string, channel: LiveChannel, after?: string): Promise<{ client: LiveClient; key: string }> {
  const client = live(token);
  await client.connected();
  const ack = await client.subscribe(channel, after);
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.message}`);
  await client.until('the catch-up', () => client.caughtUp.length === 1);
  return { client, key: ack.channelKey };
}

beforeAll(async () => {
  api = await startTestApi();
  ws = api.workspaceId;
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  apiKey = (await call(`/api/workspaces/${ws}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } })).body.key;
  const other = { workspaceId: 'ws-other', name: 'Other', owner: { userId: 'outsider', email: 'outsider@example.com' }, settings: {} };
  const metadata = { workspaceId: 'ws-other', layer: 'workspace', actor: SYSTEM_ACTOR, result: 'success', occurredAt: new Date().toISOString() };
  await api.store.appendToStream('workspace-ws-other.ws-other', [{ id: randomUUID(), type: 'WorkspaceCreated', data: other, metadata }]);
  await projected();
}, 60_000);

afterAll(async () => {
  clients.forEach((client) => client.close());
  await api?.close();
});

describe('the /live handshake', () => {
  it('needs a live session: from auth.token, a bearer header or the session cookie', async () => {
    await expect(live(undefined).connected()).rejects.toThrow('Sign in first: no live session in the cookie, the bearer token or auth.token');
    await expect(live('tms_not-a-session-token-at-all-0000000').connected()).rejects.toThrow('Sign in first');
    await expect(live(owner.token).connected()).resolves.toBeUndefined();
    await expect(live(undefined, { headers: { authorization: `Bearer ${owner.token}` } }).connected()).resolves.toBeUndefined();
    await expect(live(undefined, { headers: { cookie: `other=1; trailmark_session=${owner.token}` } }).connected()).resolves.toBeUndefined();
  });
});

describe('subscribing', () => {
  it('authorises every channel as the HTTP routes do, and refuses bad requests with the fields named', async () => {
    const acks = async (token: string, channels: LiveChannel[]) => {
      const client = live(token);
      await client.connected();
      return Promise.all(channels.map(async (channel) => ((ack) => (ack.ok ? ack.channelKey : ack.status))(await client.subscribe(channel))));
    };
    const record: LiveChannel = { kind: 'record', workspaceId: ws, recordType: 'ticket', recordId: 'T 1/2' };
    expect(await acks(owner.token, [{ kind: 'workspace', workspaceId: ws }, record, { kind: 'stats', workspaceId: ws }])).toEqual([
      `workspace:${ws}`,
      `record:${ws}:ticket:T%201%2F2`,
      `stats:${ws}`,
    ]);
    expect(await acks(agent.token, [{ kind: 'workspace', workspaceId: ws }, { kind: 'mine', workspaceId: ws }, record, { kind: 'stats', workspaceId: ws, scope: 'mine' }])).toEqual([
      403,
      `mine:${ws}`,
      403,
      `stats:mine:${ws}`,
    ]);
    expect(await acks(viewer.token, [{ kind: 'mine', workspaceId: ws }])).toEqual([403]);
    expect(await acks(owner.token, [{ kind: 'workspace', workspaceId: 'ws-other' }, { kind: 'mine', workspaceId: 'no-such-workspace' }])).toEqual([404, 404]);

    const client = live(agent.token);
    await client.connected();
    expect(await client.subscribe({ kind: 'workspace', workspaceId: ws })).toEqual({
      ok: false,
      status: 403,
      message: 'Your role "agent" does not allow activity.read_workspace in this workspace',
    });
    const bad = await client.socket.timeout(5000).emitWithAck('subscribe', { channel: { kind: 'team', workspaceId: ws }, after: 'yesterday' } as never);
    expect(bad).toMatchObject({ ok: false, status: 400, issues: [{ path: 'channel.kind' }, { path: 'after' }] });
    expect(await client.socket.timeout(5000).emitWithAck('unsubscribe', { channelKey: `mine:${ws}` })).toEqual({ ok: false });
  });
});

describe('live items', () => {
  it('pushes each committed item of the channel once, in position order, and nothing of other workspaces', async () => {
    const { client, key } = await subscribed(owner.token, { kind: 'workspace', workspaceId: ws });
    const from = client.caughtUp[0].position!;
    const metadata = { workspaceId: 'ws-other', layer: 'workspace', actor: SYSTEM_ACTOR, result: 'success', occurredAt: new Date().toISOString() };
    await api.store.appendToStream('ticket-ws-other.T-1', [{ id: randomUUID(), type: 'TicketCreated', data: { recordType: 'ticket', recordId: 'T-1' }, metadata }]);
    await ingest('live', 5);

    await client.until('the five events', () => client.items(key).some((item) => item.record?.id === 'live-4'));
    expect(delivered(client.items(key))).toEqual(await feedAfter(from));
    const ours = client.items(key).filter((item) => item.record?.id.startsWith('live-'));
    expect(ours.map((item) => item.record?.id)).toEqual(['live-0', 'live-1', 'live-2', 'live-3', 'live-4']);
    expect(ours[0]).toMatchObject({ type: 'TicketCreated', label: 'Created ticket', record: { type: 'ticket', id: 'live-0' }, actor: { id: 'agent-7' } });
  });

  it('replays everything after a page load, then goes live: no gap and no duplicate while events keep coming', async () => {
    await ingest('page', 6);
    await feedHolds(6, '', "record_id LIKE 'page-%'");
    const page = (await call(`/api/workspaces/${ws}/activity?scope=workspace&limit=6`, { token: owner.token })).body.items as ActivityItem[];
    const positions = page.map((item) => item.position).sort();
    const ingesting = (async () => {
      for (let i = 0; i < 5; i += 1) await ingest(`during-${i}`, 2);
    })();
    const fromPage = await subscribed(owner.token, { kind: 'workspace', workspaceId: ws }, positions.at(-1));
    const fromMiddle = await subscribed(owner.token, { kind: 'workspace', workspaceId: ws }, positions[3]);
    await ingesting;

    const expected = await feedHolds(10, positions.at(-1)!);
    expect(expected).toHaveLength(10);
    await fromPage.client.until('ten items', () => fromPage.client.items(fromPage.key).length >= 10);
    await fromMiddle.client.until('twelve items', () => fromMiddle.client.items(fromMiddle.key).length >= 12);
    await sleep(300);
    expect(delivered(fromPage.client.items(fromPage.key))).toEqual(expected);
    expect(delivered(fromMiddle.client.items(fromMiddle.key))).toEqual(await feedHolds(12, positions[3]));
  });

  it("follows one record, and a member's own activity", async () => {
    const ticket = await subscribed(owner.token, { kind: 'record', workspaceId: ws, recordType: 'ticket', recordId: 'T-77' });
    const mine = await subscribed(agent.token, { kind: 'mine', workspaceId: ws });
    const from = ticket.client.caughtUp[0].position!;
    await ingest('other-ticket', 2);
    await ingest('on-77', 3, 'T-77');
    expect((await call('/api/auth/login', { body: { email: 'agent@example.com', password: 'member-password-1' } })).status).toBe(200);

    await ticket.client.until('three items', () => ticket.client.items(ticket.key).length >= 3);
    await mine.client.until('the sign-in', () => mine.client.items(mine.key).length >= 1);
    await sleep(300);
    expect(delivered(ticket.client.items(ticket.key))).toEqual(await feedHolds(3, from, "record_type = 'ticket' AND record_id = 'T-77'"));
    expect(mine.client.items(mine.key).map((item) => [item.type, item.actor.id])).toEqual([['SignedIn', agent.id]]);
    expect(delivered(mine.client.items(mine.key))).toEqual(await feedHolds(1, from, 'actor_id = $3', [agent.id]));
  });

  it('stops after unsubscribe', async () => {
    const { client, key } = await subscribed(owner.token, { kind: 'workspace', workspaceId: ws });
    await ingest('before-unsubscribe', 1);
    await client.until('one item', () => client.items(key).length === 1);
    expect(await client.socket.timeout(5000).emitWithAck('unsubscribe', { channelKey: key })).toEqual({ ok: true });
    await ingest('after-unsubscribe', 2);
    await feedHolds(2, '', "record_id LIKE 'after-unsubscribe-%'");
    await sleep(300);
    expect(client.items(key).map((item) => item.record?.id)).toEqual(['before-unsubscribe-0']);
  });
});

describe('stats ticks', () => {
  it('coalesce a burst into at most one tick per 250 ms, the last naming the last position counted', async () => {
    const { client, key } = await subscribed(owner.token, { kind: 'stats', workspaceId: ws });
    const arrivals: number[] = [];
    client.socket.on('stats:tick', () => arrivals.push(Date.now()));
    const started = Date.now();
    for (let i = 0; i < 8; i += 1) await ingest(`burst-${i}`, 3);
    const [last] = (await feedHolds(24, '', "record_id LIKE 'burst-%'")).slice(-1);
    expect(await waitForCheckpoint(api.pool, STATS_PROJECTION, last[0] as Position, 10_000)).toBe(true);
    await client.until('the last tick', () => client.ticks.at(-1)?.position === last[0]);
    const elapsed = Date.now() - started;

    expect(client.ticks.every((tick) => tick.channelKey === key && tick.workspaceId === ws)).toBe(true);
    expect(client.ticks.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    expect(client.ticks.length).toBeLessThan(24);
    expect(arrivals.slice(1).every((at, i) => at - arrivals[i] >= 200)).toBe(true);
  });
});

describe('a session that ends', () => {
  it('is refused on the next subscribe and disconnected; its token no longer connects', async () => {
    const second = (await call('/api/auth/login', { body: TEST_OWNER })).body.token as string;
    const { client } = await subscribed(second, { kind: 'workspace', workspaceId: ws });
    expect((await call('/api/auth/logout', { method: 'POST', token: second })).status).toBe(204);

    expect(await client.subscribe({ kind: 'stats', workspaceId: ws })).toEqual({ ok: false, status: 401, message: 'The session has ended or expired; sign in again' });
    await client.until('the disconnect', () => client.socket.disconnected);
    await expect(live(second).connected()).rejects.toThrow('Sign in first');
  });
});
