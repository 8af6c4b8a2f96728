import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@trailmark/database';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';

let postgres: TestPostgres;
let client: Client;
let dataSource: DataSource;

beforeAll(async () => {
  postgres = await startTestPostgres();
  client = new Client({ connectionString: postgres.url });
  await client.connect();
  dataSource = await createDataSource(postgres.url).initialize();
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
  await client?.end();
  await postgres?.stop();
});

/** Undoes the migrations down to and including the partitioning. */
async function undoPartitioning() {
  const applied = async () => (await client.query(`SELECT 1 FROM typeorm_migrations WHERE name = 'PartitionedActivityFeed1763770400000'`)).rowCount;
  while (await applied()) await dataSource.undoLastMigration();
}

const feedRow = (position: string, workspace: string, occurredAt: string) => [
  position,
  `e-${position}`,
  workspace,
  `ticket-${workspace}.T-1`,
  'TicketCreated',
  'Records',
  'write',
  'Created ticket',
  occurredAt,
  JSON.stringify({ recordId: 'T-1' }),
];

const rows = async () => (await client.query('SELECT * FROM activity_feed ORDER BY position')).rows;
const tableKind = async () => (await client.query(`SELECT relkind FROM pg_class WHERE oid = 'activity_feed'::regclass`)).rows[0].relkind;
const indexes = async () =>
  (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'activity_feed' ORDER BY indexname`)).rows.map(
    (row) => `${row.indexname}: ${row.indexdef.replace(/ ON (ONLY )?public\.activity_feed/, '')}`,
  );

describe('the migration that partitions the activity feed', () => {
  it('moves the existing rows into monthly partitions of a table keyed by (position, occurred_at), and back down again', async () => {
    await undoPartitioning();
    expect(await tableKind()).toBe('r');
    for (const row of [
      feedRow('00000000000000000010:00000000000000000001', 'ws1', '2026-02-28T23:30:00-02:00'),
      feedRow('00000000000000000010:00000000000000000002', 'ws1', '2026-03-15T10:00:00Z'),
      feedRow('00000000000000000010:00000000000000000003', 'ws2', '2026-04-01T00:00:00Z'),
    ]) {
      await client.query(
        `INSERT INTO activity_feed (position, event_id, workspace_id, stream_name, event_type, category, kind, label, occurred_at, recorded_at, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
        row,
      );
    }
    const original = await rows();
    expect(await indexes()).toEqual([
      'activity_feed_pkey: CREATE UNIQUE INDEX activity_feed_pkey USING btree ("position")',
      'activity_feed_workspace_actor_time: CREATE INDEX activity_feed_workspace_actor_time USING btree (workspace_id, actor_id, occurred_at DESC)',
      'activity_feed_workspace_time: CREATE INDEX activity_feed_workspace_time USING btree (workspace_id, occurred_at DESC, "position" DESC)',
    ]);
    const plainIndexes = await indexes();

    await dataSource.runMigrations();

    expect(await tableKind()).toBe('p');
    expect(await rows()).toEqual(original);
    const placement = await client.query('SELECT tableoid::regclass::text AS partition, position FROM activity_feed ORDER BY position');
    expect(placement.rows.map((row) => row.partition)).toEqual(['activity_feed_2026_03', 'activity_feed_2026_03', 'activity_feed_2026_04']);
    const partitions = await client.query(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'activity_feed'::regclass ORDER BY 1`);
    expect(partitions.rows.map((row) => row.name)).toEqual(['activity_feed_2026_03', 'activity_feed_2026_04', 'activity_feed_default']);
    expect(await indexes()).toEqual([
      'activity_feed_pkey: CREATE UNIQUE INDEX activity_feed_pkey USING btree ("position", occurred_at)',
      "activity_feed_search: CREATE INDEX activity_feed_search USING gin (lower(((((((label || '\u001f'::text) || event_type) || '\u001f'::text) || COALESCE(record_type, ''::text)) || '\u001f'::text) || COALESCE(ip, ''::text))) gin_trgm_ops)",
      'activity_feed_workspace_actor_time: CREATE INDEX activity_feed_workspace_actor_time USING btree (workspace_id, actor_id, occurred_at DESC)',
      'activity_feed_workspace_event: CREATE INDEX activity_feed_workspace_event USING btree (workspace_id, event_id)',
      'activity_feed_workspace_time: CREATE INDEX activity_feed_workspace_time USING btree (workspace_id, occurred_at DESC, "position" DESC)',
    ]);

    await undoPartitioning();
    expect(await tableKind()).toBe('r');
    expect(await rows()).toEqual(original);
    expect(await indexes()).toEqual(plainIndexes);
  });
});
