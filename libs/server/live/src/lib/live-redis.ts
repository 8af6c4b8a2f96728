import { createClient, type RedisClientType } from 'redis';

export type LiveRedisClient = RedisClientType;

export interface RedisLogger {
  info(message: string): void;
  warn(details: object, message: string): void;
}

/**
 * A connected client of REDIS_URL that reconnects by itself; resolves once
 * the first connection is up. `failFast` rejects commands while Redis is away
 * instead of queueing them (the publisher's batches: nodes catch up from the
 * database anyway), so nothing piles up in memory during an outage.
 */
export async function connectRedis(url: string, { logger, failFast = false, name }: { logger: RedisLogger; failFast?: boolean; name: string }): Promise<LiveRedisClient> {
  const client: LiveRedisClient = createClient({ url, disableOfflineQueue: failFast });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, `Redis (${name}) is unreachable; reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info(`Redis (${name}) is back`);
  });
  await client.connect();
  return client;
}
