import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { waitForCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { runProjection, type RunningProjection } from '../projection-runner';
import { STATS_PROJECTION, statsProjection } from './stats.projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 10);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const ada = { kind: 'user', id: 'u-ada', name: 'Ada' };
const grace = { kind: 'host_actor', id: 'agent-7', name: 'Grace' };

type Actor = typeof ada | typeof grace;
const event = (type: string, workspaceId: string, occurredAt: string, actor: Actor | undefined, ip?: string) => ({
  id: randomUUID(),
  type,
  data: { recordType: 'ticket', recordId: 'T-1' },
  metadata: { workspaceId, layer: 'workspace', result: 'success', occurredAt, ...(actor && { actor }), ...(ip && { ip }) },
});

/** Two hours of 1 March and two of 2 March (UTC), and a platform event. */
async function appendDays(ws: string) {
  await store.appendToStream(`user-platform.u-ada`, [{ ...event('UserRegistered', 'platform', '2026-03-01T10:00:00Z', ada), data: {} }]);
  await store.appendToStream(`ticket-${ws}.T-1`, [
    event('SignedIn', ws, '2026-03-01T10:05:00Z', ada, '203.0.113.1'),
    event('TicketCreated', ws, '2026-03-01T10:20:00Z', ada, '203.0.113.1'),
    event('TicketAssigned', ws, '2026-03-01T10:40:00Z', grace, '198.51.100.7'),
    event('PageViewed', ws, '2026-03-01T11:15:00Z', grace, '198.51.100.7'),
    event('FileDownloaded', ws, '2026-03-01T11:59:59.999Z', { ...ada, name: 'Ada L.' }),
    event('TicketCreated', ws, '2026-03-02T09:00:00+01:00', ada, '203.0.113.2'),
    event('SignedOut', ws, '2026-03-02T09:30:00Z', ada, '203.0.113.2'),
    event('SignedIn', ws, '2026-03-02T11:00:00Z', ada, '203.0.113.3'),
    event('TicketDeleted', ws, '2026-03-02T11:10:00Z', undefined, '203.0.113.3'),
  ]);
}

const rows = async (sql: string, ws: string) => (await pool.query(sql, [ws])).rows;

async function workspaceHours(ws: string) {
  return rows(
    `SELECT to_char(bucket AT TIME ZONE 'UTC', 'MM-DD HH24') AS hour, category, kind, account, events::int
     FROM stats_workspace_buckets WHERE workspace_id = $1 AND grain = 'hour' ORDER BY bucket, category, kind`,
    ws,
  );
}

const FIRST_DAYS = [
  { hour: '03-01 10', category: 'Auth', kind: 'auth', account: true, events: 1 },
  { hour: '03-01 10', category: 'Records', kind: 'write', account: false, events: 2 },
  { hour: '03-01 11', category: 'Browsing', kind: 'read', account: false, events: 1 },
  { hour: '03-01 11', category: 'Files', kind: 'read', account: false, events: 1 },
  { hour: '03-02 08', category: 'Records', kind: 'write', account: false, events: 1 },
  { hour: '03-02 09', category: 'Auth', kind: 'auth', account: true, events: 1 },
  { hour: '03-02 11', category: 'Auth', kind: 'auth', account: true, events: 1 },
  { hour: '03-02 11', category: 'Records', kind: 'write', account: false, events: 1 },
];

describe('stats projection', () => {
  const ws = `ws${randomUUID().slice(0, 8)}`;
  const other = `ws${randomUUID().slice(0, 8)}`;

  const deaths: string[] = [];
  let running: RunningProjection;

  /** The stats projection, dying once right after it applied the first batch of `ws`, before the runner commits it. */
  const diesOnce = (onDeath: () => void): Projection => {
    let died = false;
    return {
      ...statsProjection,
      async apply(client, events) {
        await statsProjection.apply(client, events);
        if (died || !events.some((e) => e.metadata['workspaceId'] === ws)) return;
        died = true;
        onDeath();
        throw new Error('projector died before committing');
      },
    };
  };

  beforeAll(async () => {
    const death = new Promise<void>((resolve) => {
      const logger = { info: () => undefined, error: ({ err }: { err?: Error }) => deaths.push(String(err?.message)) };
      running = runProjection(store, pool, diesOnce(resolve), { retryMs: 50, logger });
    });
    await appendDays(ws);
    await death;
    // The runner restarts from its checkpoint once its subscription yields again, which takes a later event when the failed batch was the head.
    const last = await store.appendToStream(`ticket-${other}.T-1`, [event('TicketCreated', other, '2026-03-01T10:00:00Z', ada, '203.0.113.1')]);
    expect(await waitForCheckpoint(pool, STATS_PROJECTION, last.position, 20_000)).toBe(true);
  }, 30_000);

  afterAll(() => running?.stop());

  it('counts each workspace hour and day by category, kind and whether it is an account event', async () => {
    expect(await workspaceHours(ws)).toEqual(FIRST_DAYS);
    expect(
      await rows(
        `SELECT to_char(bucket AT TIME ZONE 'UTC', 'MM-DD HH24') AS day, category, events::int
         FROM stats_workspace_buckets WHERE workspace_id = $1 AND grain = 'day' ORDER BY bucket, category`,
        ws,
      ),
    ).toEqual([
      { day: '03-01 00', category: 'Auth', events: 1 },
      { day: '03-01 00', category: 'Browsing', events: 1 },
      { day: '03-01 00', category: 'Files', events: 1 },
      { day: '03-01 00', category: 'Records', events: 2 },
      { day: '03-02 00', category: 'Auth', events: 2 },
      { day: '03-02 00', category: 'Records', events: 2 },
    ]);
    expect(await workspaceHours(other)).toEqual([{ hour: '03-01 10', category: 'Records', kind: 'write', account: false, events: 1 }]);
    expect(await rows('SELECT count(*)::int AS n FROM stats_workspace_buckets WHERE workspace_id = $1', 'platform')).toEqual([{ n: 0 }]);
  });

  it("counts each actor's hours, with their latest name and last activity, leaving out events without an actor", async () => {
    expect(
      await rows(
        `SELECT actor_id, to_char(bucket AT TIME ZONE 'UTC', 'MM-DD HH24') AS hour, category, kind, events::int
         FROM stats_actor_category_buckets WHERE workspace_id = $1 AND grain = 'hour' ORDER BY actor_id, bucket, category`,
        ws,
      ),
    ).toEqual([
      { actor_id: 'agent-7', hour: '03-01 10', category: 'Records', kind: 'write', events: 1 },
      { actor_id: 'agent-7', hour: '03-01 11', category: 'Browsing', kind: 'read', events: 1 },
      { actor_id: 'u-ada', hour: '03-01 10', category: 'Auth', kind: 'auth', events: 1 },
      { actor_id: 'u-ada', hour: '03-01 10', category: 'Records', kind: 'write', events: 1 },
      { actor_id: 'u-ada', hour: '03-01 11', category: 'Files', kind: 'read', events: 1 },
      { actor_id: 'u-ada', hour: '03-02 08', category: 'Records', kind: 'write', events: 1 },
      { actor_id: 'u-ada', hour: '03-02 09', category: 'Auth', kind: 'auth', events: 1 },
      { actor_id: 'u-ada', hour: '03-02 11', category: 'Auth', kind: 'auth', events: 1 },
    ]);
    expect(
      await rows(
        `SELECT actor_id, to_char(bucket AT TIME ZONE 'UTC', 'MM-DD HH24') AS hour, account, events::int, last_seen, actor_name
         FROM stats_actor_buckets WHERE workspace_id = $1 AND grain = 'hour' AND bucket < '2026-03-02' ORDER BY actor_id, bucket, account`,
        ws,
      ),
    ).toEqual([
      { actor_id: 'agent-7', hour: '03-01 10', account: false, events: 1, last_seen: new Date('2026-03-01T10:40:00Z'), actor_name: 'Grace' },
      { actor_id: 'agent-7', hour: '03-01 11', account: false, events: 1, last_seen: new Date('2026-03-01T11:15:00Z'), actor_name: 'Grace' },
      { actor_id: 'u-ada', hour: '03-01 10', account: false, events: 1, last_seen: new Date('2026-03-01T10:20:00Z'), actor_name: 'Ada' },
      { actor_id: 'u-ada', hour: '03-01 10', account: true, events: 1, last_seen: new Date('2026-03-01T10:05:00Z'), actor_name: 'Ada' },
      { actor_id: 'u-ada', hour: '03-01 11', account: false, events: 1, last_seen: new Date('2026-03-01T11:59:59.999Z'), actor_name: 'Ada L.' },
    ]);
    expect(
      await rows(
        `SELECT actor_id, account, events::int, actor_name FROM stats_actor_buckets
         WHERE workspace_id = $1 AND grain = 'day' AND bucket = '2026-03-01' ORDER BY actor_id, account`,
        ws,
      ),
    ).toEqual([
      { actor_id: 'agent-7', account: false, events: 2, actor_name: 'Grace' },
      { actor_id: 'u-ada', account: false, events: 2, actor_name: 'Ada L.' },
      { actor_id: 'u-ada', account: true, events: 1, actor_name: 'Ada' },
    ]);
  });

  it('marks the UTC hours each address was seen in on each day, apart for account events', async () => {
    expect(
      await rows(`SELECT to_char(day, 'MM-DD') AS day, ip, actor_id, hours, non_account_hours FROM stats_ip_days WHERE workspace_id = $1 ORDER BY day, ip, actor_id`, ws),
    ).toEqual([
      { day: '03-01', ip: '198.51.100.7', actor_id: 'agent-7', hours: (1 << 10) | (1 << 11), non_account_hours: (1 << 10) | (1 << 11) },
      { day: '03-01', ip: '203.0.113.1', actor_id: 'u-ada', hours: 1 << 10, non_account_hours: 1 << 10 },
      { day: '03-02', ip: '203.0.113.2', actor_id: 'u-ada', hours: (1 << 8) | (1 << 9), non_account_hours: 1 << 8 },
      { day: '03-02', ip: '203.0.113.3', actor_id: '', hours: 1 << 11, non_account_hours: 1 << 11 },
      { day: '03-02', ip: '203.0.113.3', actor_id: 'u-ada', hours: 1 << 11, non_account_hours: 0 },
    ]);
  });

  it('counts a batch once when the projector died after applying it, before the commit, and the runner delivered it again', async () => {
    expect(deaths).toEqual(['projector died before committing']);
    expect(await workspaceHours(ws)).toEqual(FIRST_DAYS);
  });

  it('adds later batches to the buckets already counted', async () => {
    const last = await store.appendToStream(`ticket-${ws}.T-1`, [event('TicketUpdated', ws, '2026-03-02T11:30:00Z', grace, '198.51.100.7')]);
    expect(await waitForCheckpoint(pool, STATS_PROJECTION, last.position)).toBe(true);
    expect(await workspaceHours(ws)).toEqual(FIRST_DAYS.map((row) => (row.hour === '03-02 11' && row.category === 'Records' ? { ...row, events: 2 } : row)));
    expect(await rows(`SELECT events::int FROM stats_workspace_buckets WHERE workspace_id = $1 AND grain = 'day' AND bucket = '2026-03-02' AND category = 'Records'`, ws)).toEqual([
      { events: 3 },
    ]);
  });
});
