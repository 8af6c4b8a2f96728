import { Global, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import {
  ACTIVITY_FEED_PROJECTION,
  activityOf,
  ALL_PROJECTIONS,
  MONITORING_SETTINGS,
  PROJECTION_ACTIVITY,
  runProjection,
  type RunningProjection,
  waitForCheckpoint,
} from '@trailmark/projections';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { RuntimeModule } from '../runtime/runtime.module';
import { HealthModule } from './health.module';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const LAG_DEGRADED_MS = 300;

let postgres: TestPostgres;
/** Cleared once a test stops Postgres itself: `TestPostgres.stop()` may run only once. */
let postgresRunning: TestPostgres | undefined;
let pool: Pool;
let eventStore: EventStore;
let app: INestApplication;
/** The runners this "process" owns; empty until a test starts them. */
const running: RunningProjection[] = [];

/** Stands in for the module that runs the projections in this process. */
@Global()
@Module({ providers: [{ provide: PROJECTION_ACTIVITY, useValue: activityOf(running) }], exports: [PROJECTION_ACTIVITY] })
class RunnersModule {}

beforeAll(async () => {
  postgres = await startTestPostgres();
  postgresRunning = postgres;
  pool = createPgPool(postgres.url, quiet);
  eventStore = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  const moduleRef = await Test.createTestingModule({
    imports: [RuntimeModule.register({ pool, eventStore, info: { version: '9.9.9', database: 'external' } }), RunnersModule, HealthModule],
  })
    .overrideProvider(MONITORING_SETTINGS)
    .useValue({ lagDegradedMs: LAG_DEGRADED_MS })
    .compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((projection) => projection.stop()));
  await app?.close();
  await eventStore?.close();
  await pool?.end();
  await postgresRunning?.stop();
});

async function allActive(timeoutMs = 5_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (running.every((projection) => projection.isActive())) return true;
  }
  return false;
}

describe('GET /health', () => {
  it('is 200 ok while the database and event store answer and nothing is behind', async () => {
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      eventStore: 'postgres',
      database: 'external',
      uptimeSeconds: expect.any(Number),
      version: '9.9.9',
      checks: { database: 'up', eventStore: 'up' },
      lagDegradedMs: LAG_DEGRADED_MS,
      projections: ALL_PROJECTIONS.map(({ name }) => ({
        name,
        status: 'ok',
        lagMs: 0,
        eventsBehind: 0,
        eventsBehindCapped: false,
        checkpoint: null,
        head: null,
        active: false,
      })),
    });
  });

  it('stays 200 but reports degraded while a projection lags beyond the threshold, and ok once it caught up', async () => {
    const workspaceId = `ws${randomUUID().slice(0, 8)}`;
    const appended = await eventStore.appendToStream(`ticket-${workspaceId}.T-1`, [
      { id: randomUUID(), type: 'TicketCreated', data: { recordId: 'T-1' }, metadata: { workspaceId, layer: 'workspace', occurredAt: new Date().toISOString() } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, LAG_DEGRADED_MS + 100));

    const lagging = await request(app.getHttpServer()).get('/health');
    expect(lagging.status).toBe(200);
    expect(lagging.body.status).toBe('degraded');
    expect(lagging.body.checks).toEqual({ database: 'up', eventStore: 'up' });
    const feed = lagging.body.projections.find((projection: { name: string }) => projection.name === ACTIVITY_FEED_PROJECTION);
    expect(feed).toEqual({
      name: ACTIVITY_FEED_PROJECTION,
      status: 'lagging',
      lagMs: expect.any(Number),
      eventsBehind: 1,
      eventsBehindCapped: false,
      checkpoint: null,
      head: appended.position,
      active: false,
    });
    expect(feed.lagMs).toBeGreaterThan(LAG_DEGRADED_MS);
    expect(feed.lagMs).toBeLessThan(10_000);

    running.push(...ALL_PROJECTIONS.map((projection) => runProjection(eventStore, pool, projection, { retryMs: 50 })));
    expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, appended.position)).toBe(true);
    // The other projections follow at their own pace (on a loaded machine, after the feed).
    let recovered = await request(app.getHttpServer()).get('/health');
    for (const deadline = Date.now() + 15_000; recovered.body.status !== 'ok' && Date.now() < deadline; recovered = await request(app.getHttpServer()).get('/health')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recovered.status).toBe(200);
    expect(recovered.body.status).toBe('ok');
    expect(await allActive()).toBe(true);
    expect(recovered.body.projections).toEqual(
      ALL_PROJECTIONS.map(({ name }) => expect.objectContaining({ name, status: 'ok', lagMs: 0, eventsBehind: 0, eventsBehindCapped: false })),
    );
    expect(recovered.body.projections.find((projection: { name: string }) => projection.name === ACTIVITY_FEED_PROJECTION)).toEqual({
      ...feed,
      status: 'ok',
      lagMs: 0,
      eventsBehind: 0,
      checkpoint: appended.position,
      head: appended.position,
      active: true,
    });
    const afterwards = await request(app.getHttpServer()).get('/health');
    expect(afterwards.body.projections.map((projection: { active: boolean }) => projection.active)).toEqual(ALL_PROJECTIONS.map(() => true));
  }, 20_000);

  it('is 503 degraded once Postgres is gone', async () => {
    await Promise.all(running.splice(0).map((projection) => projection.stop()));
    postgresRunning = undefined;
    await postgres.stop();
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'degraded', checks: { database: 'down', eventStore: 'down' }, projections: [] });
  }, 20_000);
});
