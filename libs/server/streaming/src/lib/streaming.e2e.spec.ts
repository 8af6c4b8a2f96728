import { eventMetadata } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { ACTIVITY_FEED_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import { randomUUID } from 'node:crypto';
import { destinationStream } from './destination-streams';
import { SIGNATURE_HEADER, verifySignature } from './signature';
import { type Answer, startFlakyReceiver } from './testing/flaky-receiver';
import { startStreamingApp } from './testing/streaming-app.fixture';

const WS = 'ws-a';
const OTHER = 'ws-b';
const base = (ws: string) => `/api/workspaces/${ws}/streaming/destinations`;

let pg: TestPostgres;
let api: Awaited<ReturnType<typeof startStreamingApp>>;
let receiver: Awaited<ReturnType<typeof startFlakyReceiver>>;

beforeAll(async () => {
  process.env['TRAILMARK_STREAMING_ALLOW_PRIVATE'] = 'true';
  pg = await startTestPostgres();
  api = await startStreamingApp(pg.url);
  receiver = await startFlakyReceiver((): Answer => 'ok');
  await api.createWorkspace(WS, { owner: 'owner', admin: 'admin', agent: 'agent' });
  await api.createWorkspace(OTHER, { stranger: 'owner' });
}, 60_000);

afterAll(async () => {
  await api.close();
  await receiver.close();
  await pg.stop();
  delete process.env['TRAILMARK_STREAMING_ALLOW_PRIVATE'];
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('streaming destinations over HTTP', () => {
  it('creates a destination, shows its secret once, delivers the workspace log signed, and logs each delivery', async () => {
    const owner = await api.as('owner');
    const created = await owner.post(base(WS), { name: 'SIEM', url: receiver.url, batchSize: 50 }).expect(201);
    const { destinationId, secret } = created.body as { destinationId: string; secret: string };
    expect(created.body).toMatchObject({ name: 'SIEM', url: receiver.url, categories: [], eventTypes: [], batchSize: 50, status: 'active', workspaceId: WS });
    expect(secret).toMatch(/^tms_[0-9a-f]{64}$/);

    const listed = await until(async () => (await owner.get(base(WS)).expect(200)).body as { delivery: { deliveredEvents: number; lastSuccessAt: string | null } }[], ([d]) => d?.delivery.deliveredEvents >= 6);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('secret');
    // The workspace's 6 events so far: created, 2 × (invited, joined), and the destination's creation; never the other workspace's.
    const events = receiver.requests.flatMap(({ body }) => (JSON.parse(body) as { events: { type: string; metadata: { workspaceId: string } }[] }).events);
    expect(events.map(({ type }) => type)).toEqual(['WorkspaceCreated', 'MemberInvited', 'MemberJoined', 'MemberInvited', 'MemberJoined', 'StreamingDestinationCreated']);
    expect(receiver.requests.every(({ body, headers }) => verifySignature(secret, body, String(headers[SIGNATURE_HEADER])))).toBe(true);

    const log = (await owner.get(`${base(WS)}/${destinationId}/deliveries?limit=10`).expect(200)).body as { items: { succeeded: boolean; eventCount: number; statusCode: number }[]; nextCursor: string | null };
    expect(log.items.every(({ succeeded, statusCode }) => succeeded && statusCode === 204)).toBe(true);
    expect(log.items.reduce((sum, { eventCount }) => sum + eventCount, 0)).toBe(6);
    expect(log.nextCursor).toBeNull();

    const stored = await api.store.readStream(destinationStream(WS, destinationId));
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.map(({ type }) => type)).toEqual(['StreamingDestinationCreated', ...log.items.map(() => 'StreamingDeliverySucceeded')]);
  }, 30_000);

  it('answers 400 with each problem and where it is', async () => {
    const owner = await api.as('owner');
    const response = await owner.post(base(WS), { name: '', url: 'ftp://x', batchSize: 5000 }).expect(400);
    expect((response.body as { issues: unknown[] }).issues).toEqual([
      { path: 'name', message: 'Too small: expected string to have >=1 characters' },
      { path: 'url', message: 'must be an http or https URL' },
      { path: 'batchSize', message: 'Too big: expected number to be <=1000' },
    ]);
    const [{ destinationId }] = (await owner.get(base(WS))).body as { destinationId: string }[];
    const query = await owner.get(`${base(WS)}/${destinationId}/deliveries?limit=0&cursor=zz`).expect(400);
    expect((query.body as { issues: { path: string }[] }).issues.map(({ path }) => path)).toEqual(['limit', 'cursor']);
  });

  it('lets only owners and admins in, and keeps workspaces apart', async () => {
    const [{ destinationId }] = (await (await api.as('owner')).get(base(WS))).body as { destinationId: string }[];
    await (await api.as('admin')).get(base(WS)).expect(200);
    await (await api.as('agent')).get(base(WS)).expect(403);
    await (await api.as('agent')).post(base(WS), { name: 'x', url: receiver.url }).expect(403);
    await (await api.as('stranger')).get(base(WS)).expect(404);
    const stranger = await api.as('stranger');
    expect((await stranger.get(base(OTHER)).expect(200)).body).toEqual([]);
    await stranger.get(`${base(OTHER)}/${destinationId}`).expect(404);
    await stranger.post(`${base(OTHER)}/${destinationId}/pause`).expect(404);
    await stranger.get(`${base(OTHER)}/${destinationId}/deliveries`).expect(404);
  });

  it('pauses, resumes, rotates the secret, tests and deletes', async () => {
    const admin = await api.as('admin');
    const [{ destinationId }] = (await admin.get(base(WS))).body as { destinationId: string }[];
    const item = `${base(WS)}/${destinationId}`;
    expect((await admin.post(`${item}/pause`).expect(200)).body).toMatchObject({ status: 'paused' });
    await admin.post(`${item}/pause`).expect(409);
    expect(await until(async () => api.streaming.destinations(), (running) => running.length === 0)).toEqual([]);
    const delivered = ((await admin.get(item)).body as { delivery: { deliveredEvents: number } }).delivery.deliveredEvents;
    const appended = await api.store.appendToStream(streams.team(WS, 't-1'), [{ id: randomUUID(), type: 'TeamCreated', data: { teamId: 't-1', name: 'Ops' }, metadata: eventMetadata({ workspaceId: WS }) }]);
    expect(await waitForCheckpoint(api.pool, ACTIVITY_FEED_PROJECTION, appended.position, 15_000)).toBe(true);
    const waiting = (await admin.get(item)).body as { pendingEvents: number; delivery: { deliveredEvents: number } };
    // Waiting while paused: the new event, and the pause itself (lifecycle events are part of the workspace's log) unless the worker sent it before it stopped.
    expect([1, 2]).toContain(waiting.pendingEvents);
    expect(waiting.delivery.deliveredEvents).toBe(delivered);
    expect((await admin.post(`${item}/resume`).expect(200)).body).toMatchObject({ status: 'active' });
    expect(await until(async () => api.streaming.destinations(), (running) => running.length === 1)).toEqual([destinationId]);
    const caughtUp = await until(async () => (await admin.get(item)).body as { pendingEvents: number; delivery: { deliveredEvents: number } }, ({ delivery }) => delivery.deliveredEvents === delivered + waiting.pendingEvents + 1);
    // What waited, then the resume.
    expect(caughtUp).toMatchObject({ pendingEvents: 0, delivery: { deliveredEvents: delivered + waiting.pendingEvents + 1 } });
    const { secret } = (await admin.post(`${item}/rotate-secret`).expect(200)).body as { secret: string };
    const before = receiver.requests.length;
    expect((await admin.post(`${item}/test`).expect(200)).body).toMatchObject({ destinationId, statusCode: 204, succeeded: true, error: null });
    const tests = receiver.requests.slice(before).filter(({ body }) => (JSON.parse(body) as { test?: boolean }).test);
    expect(tests.map(({ body }) => JSON.parse(body))).toEqual([{ destinationId, test: true, events: [] }]);
    const [test] = tests;
    expect(verifySignature(secret, test.body, String(test.headers[SIGNATURE_HEADER]))).toBe(true);
    expect((await admin.patch(item, { name: 'SIEM renamed', categories: ['Auth'] }).expect(200)).body).toMatchObject({ name: 'SIEM renamed', categories: ['Auth'], url: receiver.url });

    await admin.delete(item).expect(204);
    await admin.get(item).expect(404);
    expect(await until(async () => api.streaming.destinations(), (running) => running.length === 0)).toEqual([]);
    expect((await admin.get(base(WS))).body).toEqual([]);
    expect((await api.pool.query('SELECT 1 FROM streaming_secrets WHERE destination_id = $1', [destinationId])).rowCount).toBe(0);
    const types = (await api.store.readStream(destinationStream(WS, destinationId))).map(({ type }) => type).filter((type) => !type.startsWith('StreamingDelivery'));
    expect(types).toEqual(['StreamingDestinationCreated', 'StreamingDestinationPaused', 'StreamingDestinationResumed', 'StreamingSecretRotated', 'StreamingDestinationTested', 'StreamingDestinationUpdated', 'StreamingDestinationDeleted']);
  }, 30_000);
});
