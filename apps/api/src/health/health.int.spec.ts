import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { RuntimeModule } from '../runtime/runtime.module';
import { HealthModule } from './health.module';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };

let postgres: TestPostgres;
/** Cleared once a test stops Postgres itself: `TestPostgres.stop()` may run only once. */
let postgresRunning: TestPostgres | undefined;
let pool: Pool;
let eventStore: EventStore;
let app: INestApplication;

beforeAll(async () => {
  postgres = await startTestPostgres();
  postgresRunning = postgres;
  pool = createPgPool(postgres.url, quiet);
  eventStore = createPostgresEventStore(pool);
  const moduleRef = await Test.createTestingModule({
    imports: [RuntimeModule.register({ pool, eventStore, info: { version: '9.9.9', database: 'external' } }), HealthModule],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await eventStore?.close();
  await pool?.end();
  await postgresRunning?.stop();
});

describe('GET /health', () => {
  it('is 200 ok while the database and event store answer', async () => {
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      eventStore: 'postgres',
      database: 'external',
      uptimeSeconds: expect.any(Number),
      version: '9.9.9',
      checks: { database: 'up', eventStore: 'up' },
    });
  });

  it('is 503 degraded once Postgres is gone', async () => {
    postgresRunning = undefined;
    await postgres.stop();
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'degraded', checks: { database: 'down', eventStore: 'down' } });
  }, 20_000);
});
