import { connectRedis, type LiveBatch, LIVE_STREAM } from '@trailmark/live';

const quiet = { info: () => undefined, warn: () => undefined };

/**
 * Reads the live stream in Redis as an api node does and notes when each
 * item was published there, to split the append → client latency into
 * before the publisher (projection) and after it (Redis, node, socket, client).
 */
export async function probeLiveStream(
  redisUrl: string,
): Promise<{ publishedAt: Map<string, number>; beforePublish: number[]; measureFrom(at: number): void; stop(): Promise<void> }> {
  const client = await connectRedis(redisUrl, { logger: quiet, name: 'bench probe' });
  const publishedAt = new Map<string, number>();
  /** Append → published, in ms, of every item recorded since `measureFrom`: the time spent before the live channel could push it. */
  const beforePublish: number[] = [];
  let measureFrom = Infinity;
  let running = true;
  let offset = '$';
  const loop = (async () => {
    while (running) {
      const answer = (await client.xRead({ key: LIVE_STREAM, id: offset }, { BLOCK: 500, COUNT: 100 })) as Array<{ messages: Array<{ id: string; message: Record<string, string> }> }> | null;
      const now = Date.now();
      for (const { id, message } of answer?.[0]?.messages ?? []) {
        offset = id;
        const [, batch] = (JSON.parse(message['data']) as { packet: [string, LiveBatch] }).packet;
        for (const { item } of batch.items) {
          publishedAt.set(item.eventId, now);
          const recordedAt = Date.parse(item.recordedAt);
          if (recordedAt >= measureFrom) beforePublish.push(now - recordedAt);
        }
      }
    }
  })();
  return {
    publishedAt,
    beforePublish,
    measureFrom: (at) => (measureFrom = at),
    async stop() {
      running = false;
      await loop;
      client.destroy();
    },
  };
}
