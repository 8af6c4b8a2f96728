import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { ALL_PROJECTIONS, DIRECTORY_PROJECTION } from '@trailmark/projections';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { closeServer, projectorHttpPort, startProjectorHttp } from './projector-http';

const TOKEN = 'scrape-token-0123456789';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let server: Server;
let base: string;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url);
  store = createPostgresEventStore(pool);
  const activity = { isActive: (name: string) => name === DIRECTORY_PROJECTION };
  server = await startProjectorHttp({ store, pool, projections: ALL_PROJECTIONS, activity, settings: { lagDegradedMs: 0, metricsToken: TOKEN } }, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  if (server) await closeServer(server);
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

describe('the projector HTTP listener', () => {
  it('serves /metrics only with the bearer token when one is set', async () => {
    const refused = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await refused.json()).toEqual({ message: '/metrics needs the bearer token set in TRAILMARK_METRICS_TOKEN' });

    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await metrics.text();
    expect(text).toContain(`trailmark_projection_lag_events{projection="${DIRECTORY_PROJECTION}"} 0\n`);
    expect(text).toContain(`trailmark_projection_active{projection="${DIRECTORY_PROJECTION}"} 1\n`);
    expect(text).toContain('trailmark_projection_active{projection="activity-feed"} 0\n');
  });

  it('reports degraded on /health, still 200, once a projection lags beyond the threshold', async () => {
    const userId = randomUUID();
    const appended = await store.appendToStream(`user-platform.${userId}`, [
      { id: randomUUID(), type: 'UserRegistered', data: { userId, email: 'ada@example.com', displayName: 'Ada' } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'degraded', lagDegradedMs: 0 });
    expect(body.projections.find((projection: { name: string }) => projection.name === DIRECTORY_PROJECTION)).toEqual({
      name: DIRECTORY_PROJECTION,
      status: 'lagging',
      lagMs: expect.any(Number),
      eventsBehind: 1,
      eventsBehindCapped: false,
      checkpoint: null,
      head: appended.position,
      active: true,
    });
  });

  it('answers 404 to anything else', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(404);
  });
});

describe('projectorHttpPort', () => {
  it('is off unless TRAILMARK_PROJECTOR_HTTP_PORT names a port', () => {
    expect(projectorHttpPort({})).toBeUndefined();
    expect(projectorHttpPort({ TRAILMARK_PROJECTOR_HTTP_PORT: ' 9464 ' })).toBe(9464);
    expect(() => projectorHttpPort({ TRAILMARK_PROJECTOR_HTTP_PORT: '70000' })).toThrow(
      'TRAILMARK_PROJECTOR_HTTP_PORT must be an integer between 1 and 65535 (got "70000")',
    );
  });
});
