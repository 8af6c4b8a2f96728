import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { createPostgresEventStore, type EventStore, type Position } from '@trailmark/event-store';
import { ACTIVITY_FEED_PROJECTION, activityFeedProjection, readCheckpoint, runProjection, waitForCheckpoint } from '@trailmark/projections';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';

const ROOT = resolve(__dirname, '../../../..');

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let head: Position;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 5);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  const events = ['2026-10-01', '2026-10-02', '2026-10-03'].map((day) => ({
    id: randomUUID(),
    type: 'TicketCommented',
    data: { recordType: 'ticket', recordId: 'T-1' },
    metadata: { workspaceId: 'ws1', occurredAt: `${day}T10:00:00.000Z` },
  }));
  head = (await store.appendToStream('ticket-ws1.T-1', events)).position;
  const running = runProjection(store, pool, activityFeedProjection, { retryMs: 50 });
  expect(await waitForCheckpoint(pool, ACTIVITY_FEED_PROJECTION, head)).toBe(true);
  await running.stop();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

/** `npm run projections -- <args>` on the test database, without a terminal. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', './tools/scripts/register.cjs', join('apps', 'projector', 'src', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: postgres.url, LOG_LEVEL: 'warn', TRAILMARK_RETENTION_DAYS: '', ...env },
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

const feedRows = async () => (await pool.query('SELECT * FROM activity_feed ORDER BY position')).rows;

describe('npm run projections', () => {
  it('rebuilds the activity feed with progress lines and swaps in the same rows', async () => {
    const before = await feedRows();
    const { code, stdout } = await cli(['rebuild', 'activity-feed', '--batch-size', '2']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^activity-feed \[.+\] 0% \| 0\/3 events \| 0 ev\/s \| starting \| at -$/m);
    expect(stdout).toMatch(new RegExp(`^activity-feed \\[█+\\] 100% \\| 3/3 events \\| \\d+ ev/s \\| done \\| at ${head}$`, 'm'));
    expect(stdout).toContain(`Rebuilt activity-feed from 3 events and swapped it in; checkpoint ${head}`);
    expect(stdout).toContain('Retention dropped 0 feed partition(s) and deleted 0 feed row(s)');
    expect(await feedRows()).toEqual(before);
    expect(await readCheckpoint(pool, ACTIVITY_FEED_PROJECTION)).toBe(head);
  }, 30_000);

  it('applies retention with the default from TRAILMARK_RETENTION_DAYS, and re-projects a period on demand', async () => {
    const before = await feedRows();
    const retention = await cli(['retention'], { TRAILMARK_RETENTION_DAYS: '1' });
    expect(retention).toMatchObject({ code: 0, stdout: 'Retention dropped 1 feed partition(s) and deleted 0 feed row(s)\n' });
    expect(await feedRows()).toEqual([]);

    const reproject = await cli(['reproject', '--workspace', 'ws1', '--from', '2026-10-02', '--to', '2026-11-01', '--hold-days', '2']);
    expect(reproject.code).toBe(0);
    expect(reproject.stdout).toMatch(/^Re-projected 2 feed rows of ws1 \(2 were missing\); retention leaves them until \d{4}-\d{2}-\d{2}T/);
    expect(await feedRows()).toEqual(before.slice(1));
  }, 30_000);

  it('explains a mistaken command and exits with 2', async () => {
    const { code, stderr } = await cli(['rebuild', 'activity']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown projection "activity"; known: directory, activity-feed');
    expect(stderr).toContain('Usage: npm run projections -- <command>');
  }, 30_000);
});
