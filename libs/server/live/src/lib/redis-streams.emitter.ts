import { LIVE_NAMESPACE } from '@trailmark/contracts';
import { LIVE_BATCH_EVENT, type LiveBatch, type LiveBatchSink } from './live-batch';
import type { LiveRedisClient } from './live-redis';

/** The Redis stream the api nodes' streams adapter reads (`streamName`), and its approximate length. */
export const LIVE_STREAM = 'trailmark:live';
export const LIVE_STREAM_MAX_LEN = 1000;

/** socket.io-adapter's MessageType.SERVER_SIDE_EMIT and the uid its emitters use (a node never skips it as its own). */
const SERVER_SIDE_EMIT = '9';
const EMITTER_UID = 'emitter';

/**
 * Publishes batches as `serverSideEmit(LIVE_BATCH_EVENT, batch)` without being
 * a Socket.IO node: one XADD in the streams adapter's own entry format (uid,
 * nsp, type, data as JSON), which every api node's adapter reads in stream
 * order and hands to its `/live` namespace listeners. Written against
 * @socket.io/redis-streams-adapter 0.3 (no emitter package for it exists).
 */
export function redisStreamsEmitter(client: LiveRedisClient): LiveBatchSink {
  return async (batch: LiveBatch) => {
    const entry = { uid: EMITTER_UID, nsp: LIVE_NAMESPACE, type: SERVER_SIDE_EMIT, data: JSON.stringify({ packet: [LIVE_BATCH_EVENT, batch] }) };
    await client.xAdd(LIVE_STREAM, '*', entry, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: LIVE_STREAM_MAX_LEN } });
  };
}
