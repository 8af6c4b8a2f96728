import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import { killProjectors, startProjector } from './testing/projector-process';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url);
  pool.on('error', () => undefined);
  store = createPostgresEventStore(pool);
}, 60_000);

afterAll(async () => {
  killProjectors();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

async function register(email: string): Promise<string> {
  const userId = randomUUID();
  await store.appendToStream(`user-platform.${userId}`, [
    { id: randomUUID(), type: 'UserRegistered', data: { userId, email, displayName: email }, metadata: { occurredAt: new Date().toISOString() } },
  ]);
  return userId;
}

async function projected(userId: string, timeoutMs = 20_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { rowCount } = await pool.query('SELECT 1 FROM directory_users WHERE user_id = $1', [userId]);
    if (rowCount) return true;
  }
  return false;
}

describe('the projector process', () => {
  it('keeps the read models from its own process, a standby takes over when it is killed, and SIGTERM exits cleanly', async () => {
    const first = startProjector(postgres.url);
    expect(await projected(await register('ada@example.com'))).toBe(true);

    const second = startProjector(postgres.url);
    await new Promise((r) => setTimeout(r, 1500));
    const [active, standby] = first.output().includes('Projection directory is active') && !second.output().includes('Projection directory is active') ? [first, second] : [second, first];
    active.child.kill('SIGKILL');
    await active.exited;

    expect(await projected(await register('grace@example.com'))).toBe(true);
    expect(standby.output()).toContain('Projection directory is active');

    standby.child.kill('SIGTERM');
    expect(await standby.exited).toBe(0);
  }, 90_000);
});
