import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type EventToAppend, type Position } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { ACTIVITY_FEED_PROJECTION, activityFeedProjection } from '../activity-feed/activity-feed.projection';
import { waitForCheckpoint } from '../checkpoints';
import { runProjection, type RunningProjection } from '../projection-runner';
import { applyRetention } from './apply-retention';
import { reprojectRange } from './reproject-range';
import { startRetentionJob } from './retention-job';
import { WORKSPACE_RETENTION_PROJECTION, workspaceRetentionProjection } from './workspace-retention.projection';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let running: RunningProjection[];
let appended = 0;

/** Each workspace's activity on these days (the event store records them all now, November 2026). */
const DAYS = ['2026-06-15', '2026-08-15', '2026-10-01', '2026-11-20'];
const NOW = new Date('2026-11-21T00:00:00.000Z');

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 10);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  running = [activityFeedProjection, workspaceRetentionProjection].map((projection) => runProjection(store, pool, projection, { retryMs: 50 }));
  await seedWorkspace('wsa', { retentionDays: 30 });
  await seedWorkspace('wsb', {}, [{ setting: 'retentionDays', previous: null, current: '90' }]);
  const last = await seedWorkspace('wsc', { retentionDays: null });
  expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, last.tickets)).toBe(true);
  expect(await waitForCheckpoint(pool, WORKSPACE_RETENTION_PROJECTION, last.workspace)).toBe(true);
}, 60_000);

afterAll(async () => {
  await Promise.all(running?.map((projection) => projection.stop()) ?? []);
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const meta = (workspaceId: string, occurredAt: string) => ({ workspaceId, layer: 'workspace', actor: { kind: 'system', id: 'system', name: 'System' }, occurredAt });

async function seedWorkspace(ws: string, settings: Record<string, unknown>, changes?: unknown[]): Promise<{ workspace: Position; tickets: Position }> {
  const created = `${DAYS[3]}T09:00:00.000Z`;
  const workspace: EventToAppend[] = [{ id: randomUUID(), type: 'WorkspaceCreated', data: { workspaceId: ws, name: ws, owner: { userId: 'u1', email: 'u1@x.test' }, settings }, metadata: meta(ws, created) }];
  if (changes) workspace.push({ id: randomUUID(), type: 'WorkspaceSettingsChanged', data: { workspaceId: ws, changes }, metadata: meta(ws, created) });
  const { position } = await store.appendToStream(`workspace-${ws}.${ws}`, workspace);
  const tickets = DAYS.map((day) => ({ id: randomUUID(), type: 'TicketCommented', data: { recordType: 'ticket', recordId: 'T-1', day }, metadata: meta(ws, `${day}T12:00:00.000Z`) }));
  appended += workspace.length + tickets.length;
  return { workspace: position, tickets: (await store.appendToStream(`ticket-${ws}.T-1`, tickets)).position };
}

/** Each remaining row as `workspace day`. */
const feed = async () =>
  (await pool.query<{ row: string }>(`SELECT workspace_id || ' ' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS row FROM activity_feed
     WHERE event_type = 'TicketCommented' ORDER BY 1`)).rows.map((r) => r.row);
const all = (ws: string, days = DAYS) => days.map((day) => `${ws} ${day}`);
const eventCount = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
/** What is left once wsa keeps 30 days, wsb 90 and wsc the default of 120. */
const AFTER_DEFAULT_RETENTION = [...all('wsa', DAYS.slice(3)), ...all('wsb', DAYS.slice(2)), ...all('wsc', DAYS.slice(1))];
const fullRows = async (ws: string) => (await pool.query('SELECT * FROM activity_feed WHERE workspace_id = $1 ORDER BY position', [ws])).rows;

describe('retention', () => {
  let wsaBefore: unknown[];

  it('projects each workspace retention setting', async () => {
    const { rows } = await pool.query('SELECT workspace_id, feed_days FROM workspace_retention ORDER BY 1');
    expect(rows).toEqual([
      { workspace_id: 'wsa', feed_days: 30 },
      { workspace_id: 'wsb', feed_days: 90 },
      { workspace_id: 'wsc', feed_days: null },
    ]);
  });

  it('deletes only the rows older than each workspace keeps, and no events; with no default nothing else goes', async () => {
    wsaBefore = await fullRows('wsa');
    expect(await applyRetention(pool, NOW)).toEqual({ ran: true, droppedPartitions: [], deletedRows: 5 });
    expect(await feed()).toEqual([...all('wsa', DAYS.slice(3)), ...all('wsb', DAYS.slice(2)), ...all('wsc')]);
    expect(await eventCount()).toBe(appended);
  });

  it('drops a month partition once every workspace retention, the default included, has passed it', async () => {
    expect(await applyRetention(pool, NOW, { defaultFeedDays: 120 })).toEqual({ ran: true, droppedPartitions: ['activity_feed_2026_06'], deletedRows: 0 });
    expect(await feed()).toEqual(AFTER_DEFAULT_RETENTION);
    expect(await eventCount()).toBe(appended);
  });

  it('re-projects a period from the event store exactly as it was, and holds it until the hold ends', async () => {
    const holdUntil = new Date('2026-11-25T00:00:00.000Z');
    const result = await reprojectRange(store, pool, 'wsa', new Date('2026-06-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z'), { holdUntil, batchSize: 7 });

    expect(result).toEqual({ rows: 2, inserted: 2, holdUntil });
    const restored = wsaBefore.filter((row) => ['2026-06-15', '2026-08-15'].includes((row as { details: { day?: string } }).details.day ?? ''));
    expect((await fullRows('wsa')).filter((row) => row.event_type === 'TicketCommented' && row.details.day < '2026-11-01')).toEqual(restored);
    const holds = await pool.query('SELECT workspace_id, from_at, to_at, hold_until FROM retention_holds');
    expect(holds.rows).toEqual([{ workspace_id: 'wsa', from_at: new Date('2026-06-01T00:00:00Z'), to_at: new Date('2026-09-01T00:00:00Z'), hold_until: holdUntil }]);

    expect(await reprojectRange(store, pool, 'wsa', new Date('2026-06-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z'), { holdUntil })).toEqual({
      rows: 2,
      inserted: 0,
      holdUntil,
    });
    expect(await applyRetention(pool, NOW, { defaultFeedDays: 120 })).toEqual({ ran: true, droppedPartitions: [], deletedRows: 0 });
    expect(await feed()).toEqual([...all('wsa', ['2026-06-15', '2026-08-15', '2026-11-20']), ...all('wsb', DAYS.slice(2)), ...all('wsc', DAYS.slice(1))]);

    const afterHold = new Date(holdUntil.getTime() + 1);
    expect(await applyRetention(pool, afterHold, { defaultFeedDays: 120 })).toEqual({ ran: true, droppedPartitions: ['activity_feed_2026_06'], deletedRows: 1 });
    expect(await feed()).toEqual(AFTER_DEFAULT_RETENTION);
    expect(await eventCount()).toBe(appended);
  });

  it('does nothing while another process applies retention', async () => {
    const other = await pool.connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtextextended('retention', 7))");
      expect(await applyRetention(pool, new Date('2027-06-01T00:00:00Z'), { defaultFeedDays: 1 })).toEqual({ ran: false, droppedPartitions: [], deletedRows: 0 });
    } finally {
      await other.query('SELECT pg_advisory_unlock_all()');
      other.release();
    }
    expect(await feed()).toEqual(AFTER_DEFAULT_RETENTION);
  });

  it('runs as a job that makes a pass when it starts, and logs what it removed', async () => {
    const logged: string[] = [];
    const logger = { info: (line: string) => logged.push(line), error: () => undefined };
    const job = startRetentionJob(pool, { defaultFeedDays: 1, intervalMs: 60_000, clock: () => new Date('2027-06-01T00:00:00Z'), logger });
    await job.stop();

    expect(logged).toEqual(['Retention dropped 3 feed partition(s) [activity_feed_2026_08, activity_feed_2026_10, activity_feed_2026_11] and deleted 0 feed row(s)']);
    expect(await feed()).toEqual([]);
    expect(await eventCount()).toBe(appended);
  });
});
