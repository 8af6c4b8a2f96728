import type { PoolClient } from 'pg';
import { BACKGROUND_READ_INTERVAL_MS, type Projection } from '../projection';
import { type RowSet, rowSet } from '../row-set';
import { statsRows } from './stats-rows';

export const STATS_PROJECTION = 'stats';

interface Upsert {
  table: string;
  columns: RowSet<object>;
  key: string;
  /** How a row already there takes the batch's row (`t` is the stored row). */
  merge: string;
}

const ADD_EVENTS = 'events = t.events + excluded.events';

const WORKSPACE_BUCKETS: Upsert = {
  table: 'stats_workspace_buckets',
  columns: rowSet('workspace_id text, grain text, bucket timestamptz, category text, kind text, account boolean, events bigint'),
  key: 'workspace_id, grain, bucket, category, kind, account',
  merge: ADD_EVENTS,
};

const ACTOR_CATEGORY_BUCKETS: Upsert = {
  table: 'stats_actor_category_buckets',
  columns: rowSet('workspace_id text, actor_id text, grain text, bucket timestamptz, category text, kind text, account boolean, events bigint'),
  key: 'workspace_id, actor_id, grain, bucket, category, kind, account',
  merge: ADD_EVENTS,
};

const ACTOR_BUCKETS: Upsert = {
  table: 'stats_actor_buckets',
  columns: rowSet('workspace_id text, grain text, bucket timestamptz, actor_id text, account boolean, events bigint, last_seen timestamptz, actor_name text'),
  key: 'workspace_id, grain, bucket, actor_id, account',
  merge: `${ADD_EVENTS}, last_seen = greatest(t.last_seen, excluded.last_seen),
    actor_name = CASE WHEN excluded.last_seen >= t.last_seen THEN excluded.actor_name ELSE t.actor_name END`,
};

const IP_DAYS: Upsert = {
  table: 'stats_ip_days',
  columns: rowSet('workspace_id text, day date, ip text, actor_id text, hours integer, non_account_hours integer'),
  key: 'workspace_id, day, ip, actor_id',
  merge: 'hours = t.hours | excluded.hours, non_account_hours = t.non_account_hours | excluded.non_account_hours',
};

/** One multi-row upsert of the batch's rows, each key once. */
async function upsert(client: PoolClient, { table, columns, key, merge }: Upsert, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${table} AS t (${columns.names})
     SELECT ${columns.names} FROM ${columns.from('r')}
     ON CONFLICT (${key}) DO UPDATE SET ${merge}`,
    columns.values(rows),
  );
}

/**
 * KPI counters for the stats endpoint: hourly and daily counts per workspace
 * and per actor by category and kind, actors' last activity, and the
 * addresses seen each day.
 *
 * Adding to a counter is not idempotent, and needs no guard of its own: the
 * runner applies a batch only with events after the committed checkpoint, in
 * the transaction that moves the checkpoint past them, and commits it only
 * while the checkpoint is still the one the batch started from. A batch
 * delivered again after a crash or a lost lock is therefore counted once.
 */
export const statsProjection: Projection = {
  name: STATS_PROJECTION,
  tables: [WORKSPACE_BUCKETS.table, ACTOR_CATEGORY_BUCKETS.table, ACTOR_BUCKETS.table, IP_DAYS.table],
  readIntervalMs: BACKGROUND_READ_INTERVAL_MS,
  async apply(client, events) {
    const rows = statsRows(events);
    await upsert(client, WORKSPACE_BUCKETS, rows.workspaceBuckets);
    await upsert(client, ACTOR_CATEGORY_BUCKETS, rows.actorCategoryBuckets);
    await upsert(client, ACTOR_BUCKETS, rows.actorBuckets);
    await upsert(client, IP_DAYS, rows.ipDays);
  },
};
