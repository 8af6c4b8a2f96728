import type { IngestEvent } from '@trailmark/contracts';
import { TrailmarkClosedError, type TrailmarkDeliveryError, TrailmarkInvalidEventError, TrailmarkQueueFullError } from './errors';
import type { TrailmarkClientOptions } from './client-options';
import { type IngestServer, startIngestServer, waitFor } from './ingest-server.fixture';
import { createTrailmarkClient, type TrailmarkClient } from './trailmark-client';

const actor = { id: 'u-1', name: 'Ada Lovelace' };
const event = (n: number): IngestEvent => ({ action: 'ticket.updated', actor, target: { type: 'ticket', id: `t-${n}` } });

describe('Trailmark client against a real HTTP server', () => {
  let server: IngestServer;
  let client: TrailmarkClient;
  let errors: TrailmarkDeliveryError[];

  const connect = (options: Partial<TrailmarkClientOptions> = {}) => {
    client = createTrailmarkClient({
      baseUrl: server.url,
      apiKey: 'tmk_test_key',
      flushIntervalMs: 60_000,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      onError: (error) => errors.push(error),
      ...options,
    });
    return client;
  };
  const trackMany = (count: number) => Array.from({ length: count }, (_, n) => client.track(event(n)));
  const sizes = () => server.requests.map((request) => request.events.length);
  const sentIds = (request: { events: IngestEvent[] }) => request.events.map((e) => e.id);

  beforeEach(async () => {
    server = await startIngestServer();
    errors = [];
  });

  afterEach(async () => {
    await client?.shutdown({ timeoutMs: 100 });
    await server.close();
  });

  describe('batching', () => {
    it('sends a batch as soon as batchSize events wait, and the rest on flush', async () => {
      connect({ batchSize: 100 });
      const ids = trackMany(250);
      await waitFor(() => server.requests.length === 2);
      expect(sizes()).toEqual([100, 100]);
      await client.flush();
      expect(sizes()).toEqual([100, 100, 50]);
      expect(server.requests.flatMap(sentIds)).toEqual(ids);
    });

    it('sends what waits once flushIntervalMs has passed', async () => {
      connect({ flushIntervalMs: 30 });
      trackMany(3);
      await waitFor(() => server.requests.length === 1);
      expect(sizes()).toEqual([3]);
    });

    it('keeps one request in flight, so batches arrive in tracking order', async () => {
      server.latencyMs = 20;
      connect({ batchSize: 10 });
      const ids = trackMany(95);
      await client.flush();
      expect(server.maxInFlight).toBe(1);
      expect(sizes()).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
      expect(server.stored).toEqual(ids);
    });

    it('refuses a batch size above what one request may carry', () => {
      expect(() => connect({ batchSize: 1001 })).toThrow(RangeError);
    });

    it('sends the key as a bearer token, and stamps each event with an id and the time it was tracked', async () => {
      connect();
      const before = new Date().toISOString();
      const id = client.track(event(1));
      const ownId = client.track({ ...event(2), id: 'host-id-2', occurredAt: '2025-01-01T00:00:00.000Z' });
      await client.flush();
      const [request] = server.requests;
      expect(request.headers.authorization).toBe('Bearer tmk_test_key');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(ownId).toBe('host-id-2');
      expect(request.events[0]).toEqual({ ...event(1), id, occurredAt: expect.any(String) });
      expect(request.events[0].occurredAt! >= before).toBe(true);
      expect(request.events[1].occurredAt).toBe('2025-01-01T00:00:00.000Z');
    });

    it('sends typed actions through the same queue', async () => {
      connect();
      const id = client.tickets.statusChanged({ actor, ticket: { id: 't-9', name: 'VPN down' }, from: 'open', to: 'solved' });
      await client.flush();
      expect(server.requests[0].events).toEqual([
        expect.objectContaining({ id, action: 'ticket.status_changed', changes: [{ field: 'status', from: 'open', to: 'solved' }] }),
      ]);
    });
  });

  describe('retries', () => {
    it('retries a dropped connection, a 503 and a 429 with the same ids, then stores the batch once', async () => {
      server.script('drop', { status: 503 }, { status: 429 });
      connect();
      const ids = trackMany(5);
      await client.flush();
      expect(server.requests).toHaveLength(4);
      expect(server.requests.map(sentIds)).toEqual([ids, ids, ids, ids]);
      expect(server.stored).toEqual(ids);
      expect(client.stats).toMatchObject({ requests: 4, retries: 3, accepted: 5, duplicates: 0, failed: 0 });
      expect(errors).toEqual([]);
    });

    it('counts a batch stored before the connection dropped as duplicates on the retry', async () => {
      server.script('store-and-drop');
      connect();
      const ids = trackMany(3);
      await client.flush();
      expect(server.stored).toEqual(ids);
      expect(client.stats).toMatchObject({ accepted: 0, duplicates: 3 });
    });

    it('waits as long as Retry-After asks', async () => {
      server.script({ status: 429, headers: { 'retry-after': '1' } });
      connect();
      trackMany(1);
      const started = Date.now();
      await client.flush();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(server.requests).toHaveLength(2);
    });

    it('drops and reports a batch once the attempts are used up', async () => {
      server.reply = () => ({ status: 503 });
      connect({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
      const ids = trackMany(2);
      await client.flush();
      expect(server.requests).toHaveLength(3);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind: 'retries_exhausted', events: [expect.objectContaining({ id: ids[0] }), expect.objectContaining({ id: ids[1] })] });
      expect(client.stats.failed).toBe(2);
    });
  });

  describe('refusals', () => {
    it.each([400, 401, 403])('does not retry a %d: reports it with the API error body and drops the batch', async (status) => {
      const body = { statusCode: status, error: 'Refused', message: 'events.1.actor.id is required', issues: [{ path: 'events.1.actor.id', message: 'Required' }] };
      server.script({ status, body });
      connect({ batchSize: 2 });
      trackMany(4);
      await client.flush();
      expect(sizes()).toEqual([2, 2]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind: 'rejected', status, body });
      expect(errors[0].events).toEqual(server.requests[0].events);
      expect(client.stats).toMatchObject({ accepted: 2, failed: 2, retries: 0 });
    });

    it('splits a batch refused as too large into halves until they fit, keeping the order', async () => {
      server.reply = ({ events }) => (events.length > 30 ? { status: 413, body: { statusCode: 413, error: 'Payload Too Large', message: 'too large' } } : 'accept');
      connect({ batchSize: 100 });
      const ids = trackMany(100);
      await client.flush();
      expect(sizes()).toEqual([100, 50, 25, 25, 50, 25, 25]);
      expect(server.stored).toEqual(ids);
      expect(errors).toEqual([]);
    });

    it('drops and reports one event that alone is too large', async () => {
      server.reply = ({ events }) => (events.some((e) => e.details?.['huge']) ? { status: 413, body: { statusCode: 413, error: 'Payload Too Large', message: 'too large' } } : 'accept');
      connect();
      trackMany(2);
      const huge = client.track({ ...event(3), details: { huge: true } });
      await client.flush();
      expect(sizes()).toEqual([3, 2, 1]);
      expect(errors).toEqual([expect.objectContaining({ kind: 'too_large', status: 413, events: [expect.objectContaining({ id: huge })] })]);
      expect(client.stats).toMatchObject({ accepted: 2, failed: 1 });
    });
  });

  describe('shutdown', () => {
    it('flushes everything queued, waits for the request in flight, then sends nothing more', async () => {
      server.latencyMs = 30;
      connect({ batchSize: 50 });
      const ids = trackMany(420);
      await client.shutdown();
      expect(server.stored).toEqual(ids);
      expect(client.stats).toMatchObject({ queued: 0, accepted: 420 });
      const requests = server.requests.length;
      expect(() => client.track(event(1))).toThrow(TrailmarkClosedError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.requests).toHaveLength(requests);
    });

    it('gives up after timeoutMs and reports what it could not deliver', async () => {
      server.reply = () => ({ status: 503 });
      connect({ batchSize: 10, retry: { baseDelayMs: 5000, maxDelayMs: 5000 } });
      trackMany(25);
      const started = Date.now();
      await client.shutdown({ timeoutMs: 150 });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(errors.map((error) => error.kind)).toEqual(['shutdown', 'shutdown', 'shutdown']);
      expect(errors.flatMap((error) => error.events)).toHaveLength(25);
    });
  });

  describe('guards', () => {
    it('throws when the queue is full instead of dropping events silently', () => {
      connect({ maxQueue: 5, batchSize: 10 });
      trackMany(5);
      expect(() => client.track(event(6))).toThrow(TrailmarkQueueFullError);
      expect(client.stats.queued).toBe(5);
    });

    it('keeps delivering when onError throws', async () => {
      server.script({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'no' } });
      connect({
        batchSize: 1,
        onError: () => {
          throw new Error('host bug');
        },
      });
      const ids = trackMany(3);
      await client.flush();
      expect(server.stored).toEqual(ids.slice(1));
    });

    it('refuses a malformed event at track time, so it cannot sink a batch', () => {
      connect();
      expect(() => client.track({ action: 'ticket.created', actor: { id: '', name: 'Nobody' } })).toThrow(TrailmarkInvalidEventError);
      expect(client.stats.queued).toBe(0);
    });
  });
});
