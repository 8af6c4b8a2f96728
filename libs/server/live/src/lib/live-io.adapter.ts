import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import type { LiveRedisClient } from './live-redis';
import { LIVE_STREAM, LIVE_STREAM_MAX_LEN } from './redis-streams.emitter';

/** Nest's Socket.IO adapter; with a Redis client, the servers of every api node share rooms through the Redis streams adapter. */
export class LiveIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis?: LiveRedisClient,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.redis) server.adapter(createAdapter(this.redis, { streamName: LIVE_STREAM, maxLen: LIVE_STREAM_MAX_LEN }));
    return server;
  }
}
