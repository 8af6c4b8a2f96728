import type { Principal } from '@trailmark/auth';
import type { LiveClientEvents, LiveServerEvents } from '@trailmark/contracts';
import type { Namespace, Socket } from 'socket.io';
import { LIVE_BATCH_EVENT, type LiveBatch } from './live-batch';

/** Who a socket acts for: the hash of the session token it connected with, and the member it was then. */
export interface LiveIdentity {
  tokenHash: string;
  principal: Principal;
}

export interface LiveSocketData {
  identity: LiveIdentity;
}

/** Events between api nodes (through the Redis streams adapter when REDIS_URL is set). */
export interface LiveServerSideEvents {
  [LIVE_BATCH_EVENT]: (batch: LiveBatch) => void;
}

export type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, LiveServerSideEvents, LiveSocketData>;
export type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents, LiveServerSideEvents, LiveSocketData>;
