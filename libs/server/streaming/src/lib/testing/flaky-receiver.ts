import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer = 'ok' | 'error' | 'hang' | 'reset' | 'hold';

export interface ReceivedRequest {
  answer: Answer;
  body: string;
  headers: IncomingMessage['headers'];
}

/**
 * A real HTTP receiver on 127.0.0.1 that answers request n (1-based) as
 * `script(n)` says: 200, 500, never (the sender times out), a reset
 * connection, or held open until the test lets the sender give up.
 */
export async function startFlakyReceiver(script: (n: number) => Answer) {
  const requests: ReceivedRequest[] = [];
  let onHold: (() => void) | undefined;
  const held = new Promise<void>((resolve) => (onHold = resolve));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = script(requests.length + 1);
      requests.push({ answer, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      if (answer === 'ok') res.writeHead(204).end();
      else if (answer === 'error') res.writeHead(500).end('try again');
      else if (answer === 'reset') req.socket.destroy();
      else if (answer === 'hold') onHold?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`,
    requests,
    /** Resolves once the request scripted `hold` is in. */
    held,
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
