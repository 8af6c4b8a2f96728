import { LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@trailmark/contracts';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** The live channel on this origin; the handshake carries the session cookie, and the client reconnects by itself. */
export function connectLive(): LiveSocket {
  return io(LIVE_NAMESPACE, { withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
}
