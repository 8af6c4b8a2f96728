import type { AddressInfo } from 'node:net';
import { CredentialsStore, ensureOwner } from '@trailmark/auth';
import { createPgPool } from '@trailmark/database';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { PROJECTION_CONNECTIONS } from '@trailmark/projections';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../create-app';

export const TEST_OWNER = { email: 'owner@example.com', password: 'owner-password-1' };

export interface TestApi {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The first workspace, owned by TEST_OWNER. */
  workspaceId: string;
  pool: Pool;
  store: EventStore;
  postgres: TestPostgres;
  close(): Promise<void>;
}

/**
 * The whole API in this process, as `main` builds it (projections running),
 * on a fresh embedded Postgres and a free loopback port, with a first owner.
 */
export async function startTestApi(): Promise<TestApi> {
  const postgres = await startTestPostgres();
  const logger = pino({ level: 'silent' });
  const pool = createPgPool(postgres.url, logger, { max: 10 + PROJECTION_CONNECTIONS });
  const store = createPostgresEventStore(pool, { pollIntervalMs: 200 });
  const app = await createApp({ logger, pool, eventStore: store, info: { version: 'test', database: 'external' }, projections: { enabled: true } });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const owner = await ensureOwner({ store, pool, credentials: app.get(CredentialsStore), logger, ...TEST_OWNER });
  if (!owner) throw new Error('A fresh database already had an owner');
  return {
    url: `http://127.0.0.1:${port}`,
    workspaceId: owner.workspaceId,
    pool,
    store,
    postgres,
    async close() {
      await app.close();
      await store.close();
      await pool.end();
      await postgres.stop();
    },
  };
}
