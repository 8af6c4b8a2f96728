import { type CustomTypesConfig, type Pool, types } from 'pg';
import { appendHorizon } from './append-horizon';
import type { AllFilter, ReadStreamOptions, RecordedEvent } from './event-store.port';
import { decodePosition, type Position } from './position';

/**
 * Array rows with the position built by Postgres: the catch-up path parses
 * hundreds of thousands of rows, and per-field work in the driver is most of
 * its cost. (tx_id is not selected under its own name: ORDER BY tx_id must see
 * the column, not a text alias.)
 */
const COLUMNS = `event_id, stream_name, revision::int4, event_type, data, metadata,
  lpad(tx_id::text, 20, '0') || ':' || lpad(position::text, 20, '0') AS pos`;

const JSON_OID = 114;

/**
 * Our own parser for json columns, whatever another library may have set as
 * pg's process-wide parser (Emmett's PostgreSQL store, for one, installs a
 * much slower one with a BigInt reviver).
 */
const TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSON_OID ? JSON.parse : types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};

type EventRow = [id: string, streamName: string, revision: number, type: string, data: unknown, metadata: Record<string, unknown>, position: Position];

/**
 * Rows a filtered read looks at per query, in order, before it applies the
 * filter: starting near the page size (a dense filter fills it at once) and
 * growing fourfold per query up to the maximum (a rare one still advances).
 */
const MAX_WINDOW = 20_000;

export interface AllPage {
  events: RecordedEvent[];
  /** Everything up to here has been looked at; a subscription resumes after it. */
  scannedTo: Position;
}

export async function selectStream(pool: Pool, streamName: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
  const { rows } = await pool.query<EventRow>({
    rowMode: 'array',
    types: TYPES,
    text: `SELECT ${COLUMNS} FROM es_events
     WHERE stream_name = $1 AND revision ${backwards ? '<=' : '>='} $2
     ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
    values: [streamName, from, options.maxCount ?? null],
  });
  return rows.map(toRecordedEvent);
}

/**
 * Reads `$all` in (tx_id, position) order, only below the oldest appending
 * transaction still running (see append-horizon.ts), so rows of a transaction
 * that commits late are never skipped. The horizon is taken by a statement of its own, before the read:
 * everything below it has finished by then, so the read's later snapshot sees
 * all of it. A filtered read walks the order in bounded windows, so a call
 * never scans more than a window per query and a rare filter still advances.
 */
export async function selectAllPage(
  pool: Pool,
  after: Position,
  maxCount: number,
  filter?: AllFilter,
  horizonOf: () => Promise<string> = () => appendHorizon(pool),
): Promise<AllPage> {
  const horizon = await horizonOf();
  const filtered = Boolean(filter?.streamPrefixes?.length || filter?.eventTypes?.length);
  const events: RecordedEvent[] = [];
  for (let from = after, window = Math.max(2 * maxCount, 1000); ; window = Math.min(4 * window, MAX_WINDOW)) {
    const remaining = maxCount - events.length;
    events.push(...(await selectWindow(pool, { after: from, horizon, maxCount: remaining, window: filtered ? window : remaining, filter })));
    if (events.length >= maxCount || !filtered) return { events, scannedTo: events.at(-1)?.position ?? from };
    const end = await windowEnd(pool, from, horizon, window);
    if (!end) return { events, scannedTo: from };
    if (!end.full) return { events, scannedTo: end.last };
    from = end.last;
  }
}

/**
 * The last row of the window after `after` that is below the horizon, and
 * whether the window was full up to it (so more may follow). Everything below
 * the horizon has committed, so a filtered read that matched nothing in the
 * window has still looked at it all: its subscription resumes after that row
 * instead of scanning the same rows again on every poll.
 */
async function windowEnd(pool: Pool, after: Position, horizon: string, window: number): Promise<{ last: Position; full: boolean } | undefined> {
  const { major, minor } = decodePosition(after);
  const { rows } = await pool.query<{ pos: Position; n: string }>({
    name: 'es_all_window_end',
    text: `SELECT lpad(tx_id::text, 20, '0') || ':' || lpad(position::text, 20, '0') AS pos, n FROM (
       SELECT tx_id, position, row_number() OVER (ORDER BY tx_id, position) AS n FROM (
         SELECT tx_id, position FROM es_events WHERE (tx_id, position) > ($1::xid8, $2::bigint)
         ORDER BY tx_id, position LIMIT $4
       ) w
     ) numbered WHERE tx_id < $3::xid8 ORDER BY n DESC LIMIT 1`,
    values: [major.toString(), minor.toString(), horizon, window],
  });
  const row = rows[0];
  return row && { last: row.pos, full: Number(row.n) === window };
}

interface Window {
  after: Position;
  horizon: string;
  maxCount: number;
  window: number;
  filter?: AllFilter;
}

/**
 * The inner query walks the (tx_id, position) index in order and stops at the
 * window's size; the outer LIMIT stops pulling from it as soon as enough rows
 * matched, so a dense filter reads little and a sparse one at most a window.
 * The horizon is applied outside: ordered by tx_id, the rows past it come
 * last, and an inner query of just "range, order, limit" is planned as an
 * index scan even before the table has statistics.
 */
async function selectWindow(pool: Pool, { after, horizon, maxCount, window, filter }: Window): Promise<RecordedEvent[]> {
  const { major, minor } = decodePosition(after);
  const params: unknown[] = [major.toString(), minor.toString(), maxCount, horizon, window];
  const conditions: string[] = [];
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes.map((prefix) => `${escapeLike(prefix)}%`));
    conditions.push(`stream_name LIKE ANY($${params.length}::text[])`);
  }
  if (filter?.eventTypes?.length) {
    params.push(filter.eventTypes);
    conditions.push(`event_type = ANY($${params.length}::text[])`);
  }
  const { rows } = await pool.query<EventRow>({
    // Named per shape (no filter, stream prefixes, event types, both): planned once per connection.
    name: `es_all_window_${filter?.streamPrefixes?.length ? 's' : ''}${filter?.eventTypes?.length ? 't' : ''}`,
    rowMode: 'array',
    types: TYPES,
    text: `SELECT ${COLUMNS} FROM (
        SELECT * FROM es_events WHERE (tx_id, position) > ($1::xid8, $2::bigint)
        ORDER BY tx_id, position LIMIT $5
      ) e WHERE ${['tx_id < $4::xid8', ...conditions].join(' AND ')} ORDER BY tx_id, position LIMIT $3`,
    values: params,
  });
  return rows.map(toRecordedEvent);
}

function toRecordedEvent([id, streamName, revision, type, data, metadata, position]: EventRow): RecordedEvent {
  return { id, streamName, type, data, metadata, revision, position, recordedAt: new Date(metadata['recordedAt'] as string) };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
