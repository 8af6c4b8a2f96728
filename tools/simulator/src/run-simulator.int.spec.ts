import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestEvent, IngestRequest, IngestResponse } from '@trailmark/contracts';
import { MAX_EVENTS_PER_REQUEST } from '@trailmark/contracts';
import { ingestEventIssues } from '@trailmark/sdk';
import { runSimulator, type SimulatorOptions } from './run-simulator';

/** Stands in for `POST /v1/events`: records each body and answers 202 with an IngestResponse, or with `status`. */
async function startStub(status = 202) {
  const bodies: IngestRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString()) as IngestRequest;
    bodies.push(body);
    const answer: IngestResponse | { statusCode: number; error: string; message: string } =
      status === 202
        ? { results: body.events.map((event) => ({ id: event.id!, status: 'accepted' })), accepted: body.events.length, duplicates: 0 }
        : { statusCode: status, error: 'Unauthorized', message: 'Unknown API key' };
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    events: (): IngestEvent[] => bodies.flatMap((body) => body.events),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

describe('runSimulator against an HTTP stub', () => {
  let stub: Awaited<ReturnType<typeof startStub>>;
  let lines: string[];
  const run = (options: Partial<SimulatorOptions>) =>
    runSimulator({ url: stub.url, apiKey: 'tmk_sim', rate: 200, durationSeconds: 1, seed: 3, progressIntervalMs: 250, log: (line) => lines.push(line), client: { flushIntervalMs: 100 }, ...options });

  beforeEach(() => {
    lines = [];
  });

  afterEach(() => stub.close());

  it('sends about rate × duration events, all of them well-formed, and reports progress', async () => {
    stub = await startStub();
    const summary = await run({});
    const events = stub.events();
    expect(events.length).toBeGreaterThanOrEqual(50);
    expect(events.length).toBeLessThanOrEqual(400);
    expect(summary).toMatchObject({ stoppedBy: 'duration', generated: events.length, accepted: events.length, duplicates: 0, failed: 0 });
    expect(stub.bodies.every((body) => Array.isArray(body.events) && body.events.length <= MAX_EVENTS_PER_REQUEST)).toBe(true);
    expect(events.flatMap((event) => ingestEventIssues(event))).toEqual([]);
    expect(events.every((event) => /^[0-9a-f-]{36}$/.test(event.id!) && !Number.isNaN(Date.parse(event.occurredAt!)))).toBe(true);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(lines.some((line) => /generated .* sent .* accepted .* duplicates .* failed .* ev\/s/.test(line))).toBe(true);
    expect(lines.at(-2)).toMatch(/^Stopped by duration after/);
  });

  it('stops when its signal aborts and still delivers everything generated', async () => {
    stub = await startStub();
    const summary = await run({ durationSeconds: 0, signal: AbortSignal.timeout(300) });
    expect(summary.stoppedBy).toBe('signal');
    expect(summary.generated).toBeGreaterThan(0);
    expect(stub.events()).toHaveLength(summary.generated);
    expect(summary.accepted).toBe(summary.generated);
  });

  it('gives up at once when the API refuses the key', async () => {
    stub = await startStub(401);
    const summary = await run({ durationSeconds: 30 });
    expect(summary.stoppedBy).toBe('refused');
    expect(summary.elapsedSeconds).toBeLessThan(5);
    expect(summary.accepted).toBe(0);
    expect(lines.some((line) => line.includes('HTTP 401 Unknown API key'))).toBe(true);
  });
});
