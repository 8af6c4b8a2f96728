import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { LIVE_NAMESPACE } from '@trailmark/contracts';
import { startTestRedis, type TestRedis } from '@trailmark/testing';
import { Server } from 'socket.io';
import { LIVE_BATCH_EVENT, type LiveBatch } from './live-batch';
import { connectRedis, type LiveRedisClient } from './live-redis';
import { LIVE_STREAM, redisStreamsEmitter } from './redis-streams.emitter';

let redis: TestRedis;
let clients: LiveRedisClient[];
let io: Server;
const logger = { info: () => undefined, warn: () => undefined };

beforeAll(async () => {
  redis = await startTestRedis();
  clients = [await connectRedis(redis.url, { logger, name: 'adapter' }), await connectRedis(redis.url, { logger, name: 'emitter', failFast: true })];
  io = new Server(createServer());
  io.adapter(createAdapter(clients[0], { streamName: LIVE_STREAM }));
}, 30_000);

afterAll(async () => {
  await io?.close();
  clients?.forEach((client) => client.destroy());
  await redis?.stop();
});

const batch = (n: number): LiveBatch => ({ prev: `p${n - 1}`, last: `p${n}`, items: [], statsAt: null });

describe('the Redis streams emitter', () => {
  it("reaches a node's namespace listeners through the streams adapter, in order", async () => {
    const received: LiveBatch[] = [];
    io.of(LIVE_NAMESPACE).on(LIVE_BATCH_EVENT, (message: LiveBatch) => received.push(message));
    // The adapter reads the stream from the moment its reader is connected.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const send = redisStreamsEmitter(clients[1]);
    for (const n of [1, 2, 3]) await send(batch(n));
    for (const deadline = Date.now() + 5000; received.length < 3 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([batch(1), batch(2), batch(3)]);
  });

  it('fails at once while Redis is away, and sends again once it is back', async () => {
    const send = redisStreamsEmitter(clients[1]);
    await redis.stop();
    await expect(send(batch(4))).rejects.toThrow();
    await redis.start();
    for (const deadline = Date.now() + 10_000; !clients[1].isReady && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(send(batch(5))).resolves.toBeUndefined();
  });
});
