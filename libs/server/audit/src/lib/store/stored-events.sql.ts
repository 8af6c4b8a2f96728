import type { RecordedEvent } from '@trailmark/event-store';
import type { Pool } from 'pg';
import type { RawEventRow } from '../integrity/link-facts';

/** The store's columns as a RecordedEvent needs them; the position is built as the Postgres event store builds it. */
const COLUMNS = `event_id, stream_name, revision::int4, event_type, data, metadata,
  lpad(tx_id::text, 20, '0') || ':' || lpad(position::text, 20, '0') AS pos`;

const RAW_COLUMNS = `event_id, stream_name, revision::int4, event_type, data::text, metadata::text,
  lpad(tx_id::text, 20, '0') || ':' || lpad(position::text, 20, '0') AS pos`;

/** The workspace part of `<category>-<workspace>.<record>`, in SQL. */
export const STREAM_WORKSPACE_SQL = `substr(split_part(stream_name, '.', 1), strpos(stream_name, '-') + 1)`;

/** Only what every reader can see in full: rows below the oldest running transaction (see the store's `$all` read). */
const COMMITTED = 'tx_id < pg_snapshot_xmin(pg_current_snapshot())';

type Row = [id: string, streamName: string, revision: number, type: string, data: unknown, metadata: Record<string, unknown>, position: string];

export type Queryable = Pick<Pool, 'query'>;

export interface StreamHeadRow {
  streamName: string;
  revision: number;
  hash: string;
}

/** Each stream of a workspace as es_streams records its head, by name. */
export async function workspaceHeads(db: Queryable, workspaceId: string): Promise<StreamHeadRow[]> {
  const { rows } = await db.query<{ stream_name: string; revision: string; head_hash: string }>(
    `SELECT stream_name, revision, head_hash FROM es_streams WHERE strpos(stream_name, '-') > 0 AND ${STREAM_WORKSPACE_SQL} = $1 ORDER BY stream_name`,
    [workspaceId],
  );
  return rows.map((row) => ({ streamName: row.stream_name, revision: Number(row.revision), hash: row.head_hash }));
}

/** Every stream head in the store. */
export async function allHeads(db: Queryable): Promise<StreamHeadRow[]> {
  const { rows } = await db.query<{ stream_name: string; revision: string; head_hash: string }>(
    'SELECT stream_name, revision, head_hash FROM es_streams ORDER BY stream_name',
  );
  return rows.map((row) => ({ streamName: row.stream_name, revision: Number(row.revision), hash: row.head_hash }));
}

/** Workspaces that have streams, platform streams left out. */
export async function workspacesWithStreams(db: Queryable, platform: string): Promise<string[]> {
  const { rows } = await db.query<{ ws: string }>(
    `SELECT DISTINCT ${STREAM_WORKSPACE_SQL} AS ws FROM es_streams WHERE strpos(stream_name, '-') > 0 ORDER BY 1`,
  );
  return rows.map((row) => row.ws).filter((ws) => ws !== '' && ws !== platform);
}

export interface ScanFrom {
  streamName: string;
  revision: number;
}

/**
 * A batch in (stream, revision) order after `after`, of the named streams or
 * of all, with the JSON columns as text: verification walks each stream's
 * chain in one pass and parses where it hashes.
 */
export async function scanRawEvents(db: Queryable, after: ScanFrom | undefined, limit: number, streams?: readonly string[]): Promise<RawEventRow[]> {
  const params: unknown[] = [limit];
  const conditions = ['true'];
  if (after) conditions.push(`(stream_name, revision) > ($${params.push(after.streamName)}::text, $${params.push(after.revision)}::bigint)`);
  if (streams) conditions.push(`stream_name = ANY($${params.push(streams)}::text[])`);
  const { rows } = await db.query<RawEventRow>({
    rowMode: 'array',
    // es_events.revision, not the int4 output column of that name: ordering by the index's own columns needs no sort.
    text: `SELECT ${RAW_COLUMNS} FROM es_events WHERE ${conditions.join(' AND ')} ORDER BY es_events.stream_name, es_events.revision LIMIT $1`,
    values: params,
  });
  return rows;
}

/** One stream, every row the table holds, in revision order (then position, should a revision repeat). */
export async function wholeStream(db: Queryable, streamName: string): Promise<RecordedEvent[]> {
  const { rows } = await db.query<Row>({
    rowMode: 'array',
    text: `SELECT ${COLUMNS} FROM es_events WHERE stream_name = $1 ORDER BY revision, tx_id, position`,
    values: [streamName],
  });
  return rows.map(toRecordedEvent);
}

export interface WindowQuery {
  workspaceId: string;
  /** Recorded at or after; inclusive. */
  from?: Date;
  /** Recorded before; exclusive. */
  to?: Date;
  /** Exclusive position to continue after. */
  after?: string;
  limit: number;
}

/** A workspace's events in global order, by record time, keyset-paged by position. */
export async function windowEvents(db: Queryable, { workspaceId, from, to, after, limit }: WindowQuery): Promise<RecordedEvent[]> {
  const params: unknown[] = [workspaceId, limit];
  const conditions = [COMMITTED, `stream_name IN (SELECT stream_name FROM es_streams WHERE strpos(stream_name, '-') > 0 AND ${STREAM_WORKSPACE_SQL} = $1)`];
  if (from) conditions.push(`recorded_at >= $${params.push(from.toISOString())}::timestamptz`);
  if (to) conditions.push(`recorded_at < $${params.push(to.toISOString())}::timestamptz`);
  if (after) {
    const [tx, position] = after.split(':');
    conditions.push(`(tx_id, position) > ($${params.push(BigInt(tx).toString())}::xid8, $${params.push(BigInt(position).toString())}::bigint)`);
  }
  const { rows } = await db.query<Row>({
    rowMode: 'array',
    text: `SELECT ${COLUMNS} FROM es_events WHERE ${conditions.join(' AND ')} ORDER BY tx_id, position LIMIT $2`,
    values: params,
  });
  return rows.map(toRecordedEvent);
}

/** Revisions `from`..`to` (inclusive; `to` null: to the end) of one stream, a batch at a time. */
export async function streamSlice(db: Queryable, streamName: string, from: number, to: number | null, limit: number): Promise<RecordedEvent[]> {
  const { rows } = await db.query<Row>({
    rowMode: 'array',
    text: `SELECT ${COLUMNS} FROM es_events WHERE stream_name = $1 AND revision >= $2 AND ($3::bigint IS NULL OR revision <= $3) ORDER BY revision LIMIT $4`,
    values: [streamName, from, to, limit],
  });
  return rows.map(toRecordedEvent);
}

export interface StreamRange {
  streamName: string;
  fromRevision: number;
  toRevision: number;
}

/** For each stream of the workspace with events recorded in [from, to), its first and last such revision. */
export async function streamRangesInWindow(db: Queryable, workspaceId: string, from: Date, to: Date): Promise<StreamRange[]> {
  const { rows } = await db.query<{ stream_name: string; first: number; last: number }>(
    `SELECT stream_name, min(revision)::int AS first, max(revision)::int AS last FROM es_events
     WHERE ${COMMITTED} AND stream_name IN (SELECT stream_name FROM es_streams WHERE strpos(stream_name, '-') > 0 AND ${STREAM_WORKSPACE_SQL} = $1)
       AND recorded_at >= $2::timestamptz AND recorded_at < $3::timestamptz
     GROUP BY stream_name ORDER BY stream_name`,
    [workspaceId, from.toISOString(), to.toISOString()],
  );
  return rows.map((row) => ({ streamName: row.stream_name, fromRevision: row.first, toRevision: row.last }));
}

function toRecordedEvent([id, streamName, revision, type, data, metadata, position]: Row): RecordedEvent {
  return { id, streamName, type, data, metadata, revision, position: position as RecordedEvent['position'], recordedAt: new Date(metadata['recordedAt'] as string) };
}
