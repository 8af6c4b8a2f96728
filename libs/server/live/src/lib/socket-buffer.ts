import type { Socket } from 'socket.io';

interface QueuedPacket {
  data?: string | Buffer;
}

/** The engine.io connection's queue: packets waiting because the client does not read fast enough. */
function queueOf(socket: Socket): QueuedPacket[] {
  return (socket.conn as unknown as { writeBuffer: QueuedPacket[] }).writeBuffer;
}

/** Bytes waiting for the transport (beyond what the kernel already holds). Empty while the client keeps up. */
export function bufferedBytes(socket: Socket): number {
  let bytes = 0;
  for (const packet of queueOf(socket)) bytes += typeof packet.data === 'string' ? packet.data.length : (packet.data?.byteLength ?? 0);
  return bytes;
}

/** Resolves once the queue is at most `bytes` again, or the connection has closed. */
export function drained(socket: Socket, bytes: number): Promise<void> {
  if (socket.disconnected || bufferedBytes(socket) <= bytes) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (socket.connected && bufferedBytes(socket) > bytes) return;
      socket.conn.off('drain', check);
      socket.conn.off('close', check);
      resolve();
    };
    socket.conn.on('drain', check);
    socket.conn.on('close', check);
  });
}

/**
 * Closes the connection at once, dropping its queue (a plain disconnect would
 * wait for the queue to drain). The client sees the transport close,
 * reconnects and resumes from the last position it holds.
 */
export function cutOff(socket: Socket): void {
  socket.conn.close(true);
}
