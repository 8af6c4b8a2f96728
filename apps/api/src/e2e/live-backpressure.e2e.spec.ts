import type { Socket as NetSocket } from 'node:net';
import type { ActivityItem } from '@trailmark/contracts';
import { ACTIVITY_FEED_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { callApi } from '../testing/api-call';
import { connectLive, type LiveClient } from '../testing/live-client';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

jest.setTimeout(90_000);

/** Enough bytes to fill the kernel's socket buffers on loopback (about 4 MB) and the server's 2 MB allowance. */
const EVENTS = 200;
const DETAILS = 'x'.repeat(60_000);

let api: TestApi;
let token: string;
let apiKey: string;
const clients: LiveClient[] = [];

async function watching(): Promise<{ client: LiveClient; key: string }> {
  const client = connectLive(api.url, { token, resume: true });
  clients.push(client);
  await client.connected();
  const ack = await client.subscribe({ kind: 'workspace', workspaceId: api.workspaceId });
  if (!ack.ok) throw new Error(ack.message);
  await client.until('the catch-up', () => client.caughtUp.length === 1);
  return { client, key: ack.channelKey };
}

/** The client's TCP socket under socket.io-client's WebSocket transport: pausing it stops reading, as a stalled browser tab would. */
function tcpOf(client: LiveClient): NetSocket {
  return (client.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
}

const hostIds = (items: ActivityItem[]) => items.map((item) => item.record?.id);

beforeAll(async () => {
  api = await startTestApi();
  token = (await callApi(api.url, '/api/auth/login', { body: TEST_OWNER })).body.token;
  apiKey = (await callApi(api.url, `/api/workspaces/${api.workspaceId}/api-keys`, { token, body: { name: 'bulk' } })).body.key;
  // The sign-in and the key are in the feed before anyone subscribes: every item after that is one of the test's.
  const last = (await api.store.readAll({ maxCount: 10_000 })).at(-1);
  expect(await waitForCheckpoint(api.pool, ACTIVITY_FEED_PROJECTION, last!.position, 10_000)).toBe(true);
}, 60_000);

afterAll(async () => {
  clients.forEach((client) => client.close());
  await api?.close();
});

describe('a stalled client', () => {
  it('slows neither the projection nor other clients, is disconnected past its buffer, and resumes without a gap or a duplicate', async () => {
    const stalled = await watching();
    const healthy = await watching();
    tcpOf(stalled.client).pause();

    for (let request = 0; request < EVENTS / 40; request += 1) {
      const events = Array.from({ length: 40 }, (_, i) => ({
        id: `big-${request}-${i}`,
        action: 'invoice.paid_late',
        actor: { id: 'agent-7', name: 'Grace' },
        target: { type: 'invoice', id: `big-${request * 40 + i}` },
        details: { note: DETAILS },
      }));
      expect((await callApi(api.url, '/v1/events', { token: apiKey, body: { events } })).body).toMatchObject({ accepted: 40 });
    }
    const expected = Array.from({ length: EVENTS }, (_, i) => `big-${i}`);
    await healthy.client.until('every event on the healthy client', () => healthy.client.items(healthy.key).length >= EVENTS, 30_000);
    expect(hostIds(healthy.client.items(healthy.key))).toEqual(expected);
    expect(stalled.client.items(stalled.key).length).toBeLessThan(EVENTS);

    tcpOf(stalled.client).resume();
    await stalled.client.until('every event on the stalled client', () => stalled.client.items(stalled.key).length >= EVENTS, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stalled.client.connects).toBe(2);
    expect(hostIds(stalled.client.items(stalled.key))).toEqual(expected);
    expect(healthy.client.connects).toBe(1);
  });
});
