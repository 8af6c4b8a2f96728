import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore, type EventStore, type Position } from '@trailmark/event-store';
import {
  ACTIVITY_FEED_PROJECTION,
  ALL_PROJECTIONS,
  DIRECTORY_PROJECTION,
  projectionLags,
  runProjection,
  type RunningProjection,
  waitForCheckpoint,
} from '@trailmark/projections';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../create-app';

const TOKEN = 'scrape-token-0123456789';
const SAMPLE = /^trailmark_projection_(lag_ms|lag_events)\{projection="[a-z-]+"\} \d+$/;

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let app: INestApplication;
const running: RunningProjection[] = [];
let lastSeeded: Position | undefined;
const savedToken = process.env['TRAILMARK_METRICS_TOKEN'];

/** The whole API with its projections off, as in the scale-out mode: the projector is this test. */
beforeAll(async () => {
  process.env['TRAILMARK_METRICS_TOKEN'] = TOKEN;
  postgres = await startTestPostgres();
  const logger = pino({ level: 'silent' });
  pool = createPgPool(postgres.url, logger);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  app = await createApp({ logger, pool, eventStore: store, info: { version: 'test', database: 'external' }, projections: { enabled: false } });
  await app.init();
}, 60_000);

afterAll(async () => {
  if (savedToken === undefined) delete process.env['TRAILMARK_METRICS_TOKEN'];
  else process.env['TRAILMARK_METRICS_TOKEN'] = savedToken;
  await Promise.all(running.map((projection) => projection.stop()));
  await app?.close();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const scrape = (authorization = `Bearer ${TOKEN}`) => request(app.getHttpServer()).get('/metrics').set('Authorization', authorization);

function samples(text: string, name: string): Record<string, number> {
  const pattern = new RegExp(`^${name}\\{projection="([^"]+)"\\} (\\d+)$`);
  return Object.fromEntries(text.split('\n').flatMap((line) => {
    const match = pattern.exec(line);
    return match ? [[match[1], Number(match[2])]] : [];
  }));
}

async function seed(): Promise<Position> {
  const workspaceId = `ws${randomUUID().slice(0, 8)}`;
  const metadata = { workspaceId, layer: 'workspace', occurredAt: new Date().toISOString() };
  await store.appendToStream(`user-platform.u1`, [
    { id: randomUUID(), type: 'UserRegistered', data: { userId: 'u1', email: 'ada@example.com', displayName: 'Ada' }, metadata: { workspaceId: 'platform', layer: 'platform' } },
  ]);
  const last = await store.appendToStream(`ticket-${workspaceId}.T-1`, [
    { id: randomUUID(), type: 'TicketCreated', data: { recordId: 'T-1' }, metadata },
    { id: randomUUID(), type: 'TicketAssigned', data: { recordId: 'T-1' }, metadata },
    { id: randomUUID(), type: 'TicketResolved', data: { recordId: 'T-1' }, metadata },
  ]);
  return last.position;
}

async function allCaughtUp(timeoutMs = 10_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if ((await projectionLags(store, pool, ALL_PROJECTIONS)).every((lag) => lag.eventsBehind === 0)) return true;
  }
  return false;
}

describe('GET /metrics', () => {
  it('wants the bearer token when TRAILMARK_METRICS_TOKEN is set', async () => {
    for (const authorization of ['', 'Bearer wrong-token-0123456789', TOKEN, `Basic ${TOKEN}`]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: '/metrics needs the bearer token set in TRAILMARK_METRICS_TOKEN' });
    }
  });

  it('reports how many events each projection has not applied, and how old the oldest is, then 0 once caught up', async () => {
    const last = await seed();
    lastSeeded = last;
    await new Promise((resolve) => setTimeout(resolve, 50));

    const behind = await scrape();
    expect(behind.status).toBe(200);
    expect(behind.headers['content-type']).toMatch(/^text\/plain; .*version=0\.0\.4/);
    // The activity feed reads every event (a platform one gives no row); the directory only the user.
    expect(samples(behind.text, 'trailmark_projection_lag_events')).toMatchObject({ [ACTIVITY_FEED_PROJECTION]: 4, [DIRECTORY_PROJECTION]: 1 });
    const lagMs = samples(behind.text, 'trailmark_projection_lag_ms');
    expect(lagMs[ACTIVITY_FEED_PROJECTION]).toBeGreaterThanOrEqual(50);
    expect(lagMs[DIRECTORY_PROJECTION]).toBeGreaterThanOrEqual(50);
    // Nothing but the gauges' own lines: no workspace ids, no configuration, no token.
    expect(behind.text.split('\n').filter((line) => line && !line.startsWith('# ')).every((line) => SAMPLE.test(line))).toBe(true);
    expect(behind.text).not.toContain(TOKEN);
    expect(behind.text).not.toContain('trailmark_projection_active');

    running.push(...ALL_PROJECTIONS.map((projection) => runProjection(store, pool, projection, { retryMs: 50 })));
    expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, last)).toBe(true);
    expect(await allCaughtUp()).toBe(true);
    const caughtUp = await scrape();
    const zeros = Object.fromEntries(ALL_PROJECTIONS.map(({ name }) => [name, 0]));
    expect(samples(caughtUp.text, 'trailmark_projection_lag_events')).toEqual(zeros);
    expect(samples(caughtUp.text, 'trailmark_projection_lag_ms')).toEqual(zeros);
  }, 20_000);

  it('shows the same lag on /health, which needs no token', async () => {
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.lagDegradedMs).toBe(30_000);
    expect(response.body.projections).toEqual(
      ALL_PROJECTIONS.map(({ name }) => expect.objectContaining({ name, status: 'ok', lagMs: 0, eventsBehind: 0, eventsBehindCapped: false, active: null })),
    );
    const feed = response.body.projections.find((projection: { name: string }) => projection.name === ACTIVITY_FEED_PROJECTION);
    expect(feed.checkpoint).toBe(lastSeeded);
    expect(feed.head).toBe(lastSeeded);
  });

  it('is documented in the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json');
    expect(response.body.paths['/metrics'].get).toMatchObject({
      tags: ['metrics'],
      responses: { 200: expect.anything(), 401: expect.anything(), 503: expect.anything() },
    });
  });
});
