import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestEvent, IngestRequest, IngestResponse } from '@trailmark/contracts';

export interface ReceivedRequest {
  events: IngestEvent[];
  headers: IncomingMessage['headers'];
}

/**
 * How the server answers one request: an HTTP answer, `accept` (store and 202),
 * `drop` (destroy the socket, store nothing) or `store-and-drop` (store, then
 * destroy the socket: the client never learns it succeeded).
 */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'accept' | 'drop' | 'store-and-drop';

/** A real HTTP server on 127.0.0.1 standing in for `POST /v1/events`, idempotent on event id like the API. */
export interface IngestServer {
  url: string;
  requests: ReceivedRequest[];
  /** Ids stored, in the order first stored. */
  stored: string[];
  maxInFlight: number;
  /** Answers for the next requests, in order, before `reply` is asked. */
  script(...replies: Reply[]): void;
  /** Answers every unscripted request; `accept` by default. */
  reply: (request: ReceivedRequest) => Reply;
  latencyMs: number;
  close(): Promise<void>;
}

export async function startIngestServer(): Promise<IngestServer> {
  const scripted: Reply[] = [];
  const storedIds = new Set<string>();
  let inFlight = 0;
  const server: IngestServer = {
    url: '',
    requests: [],
    stored: [],
    maxInFlight: 0,
    script: (...replies) => scripted.push(...replies),
    reply: () => 'accept',
    latencyMs: 0,
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };

  const store = (events: IngestEvent[]): IngestResponse => {
    const results = events.map((event) => {
      const id = event.id ?? '';
      if (storedIds.has(id)) return { id, status: 'duplicate' as const };
      storedIds.add(id);
      server.stored.push(id);
      return { id, status: 'accepted' as const };
    });
    const accepted = results.filter((result) => result.status === 'accepted').length;
    return { results, accepted, duplicates: results.length - accepted };
  };

  const answer = (res: ServerResponse, request: ReceivedRequest, reply: Reply) => {
    if (reply === 'drop') return res.socket?.destroy();
    if (reply === 'store-and-drop') {
      store(request.events);
      return res.socket?.destroy();
    }
    const { status, body, headers } = reply === 'accept' ? { status: 202, body: store(request.events), headers: {} } : reply;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body === undefined ? '' : JSON.stringify(body));
  };

  const http = createServer(async (req, res) => {
    inFlight += 1;
    server.maxInFlight = Math.max(server.maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = { events: (JSON.parse(Buffer.concat(chunks).toString()) as IngestRequest).events, headers: req.headers };
    server.requests.push(request);
    if (server.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, server.latencyMs));
    answer(res, request, scripted.shift() ?? server.reply(request));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}

/** Polls until the condition holds; fails the test after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
