import type { Pool, PoolClient } from 'pg';
import { EventStoreUnavailableError, WrongExpectedVersionError } from './errors';
import type {
  AllFilter,
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from './event-store.port';
import { chainEvents, GENESIS_HASH } from './hash-chain';
import { decodePosition, encodePosition, type Position } from './position';
import { createPostgresNotifier } from './postgres-notifier';

export interface PostgresEventStoreOptions {
  /** Fallback poll for subscriptions when no notification arrives. */
  pollIntervalMs?: number;
  /** Fault-injection seam for tests: runs inside the append transaction just before COMMIT. */
  beforeCommit?: (streamName: string) => Promise<void>;
}

export const EVENTS_CHANNEL = 'trailmark_events';
const START = encodePosition(0n, 0n);
const APPEND_ATTEMPTS = 5;

/**
 * The embedded default event store: tables `es_events` and `es_streams`
 * (created by the database migrations). The pool belongs to the caller;
 * `close()` ends subscriptions and the notification listener only.
 */
export function createPostgresEventStore(pool: Pool, options: PostgresEventStoreOptions = {}): EventStore {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const notifier = createPostgresNotifier(pool, EVENTS_CHANNEL);
  const subscriptions = new Set<AllSubscription>();

  const readAll = ({ after = START, maxCount = 1000, filter }: ReadAllOptions = {}) =>
    unavailableOnConnectionError(() => selectAll(pool, after, maxCount, filter));

  return {
    kind: 'postgres',

    appendToStream: (streamName, events, { expectedRevision = 'any' } = {}) =>
      unavailableOnConnectionError(() => appendWithRetry(pool, streamName, events, expectedRevision, options.beforeCommit)),

    readStream: (streamName, readOptions = {}) =>
      unavailableOnConnectionError(() => selectStream(pool, streamName, readOptions)),

    readAll,

    subscribeToAll(subscribeOptions: SubscribeToAllOptions = {}): AllSubscription {
      const subscription = pollingSubscription(readAll, notifier, subscribeOptions, pollIntervalMs);
      subscriptions.add(subscription);
      const close = subscription.close;
      subscription.close = async () => {
        subscriptions.delete(subscription);
        await close();
      };
      return subscription;
    },

    ping: () => unavailableOnConnectionError(async () => void (await pool.query('SELECT 1'))),

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await notifier.close();
    },
  };
}

async function appendWithRetry(
  pool: Pool,
  streamName: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
  beforeCommit?: (streamName: string) => Promise<void>,
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await append(pool, streamName, events, expected, beforeCommit);
    } catch (error) {
      // Two writers racing with the same event id: the loser retries and then sees a duplicate.
      if (!isUniqueViolation(error, 'es_events_event_id_key') || attempt >= APPEND_ATTEMPTS) {
        throw error;
      }
    }
  }
}

async function append(
  pool: Pool,
  streamName: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
  beforeCommit?: (streamName: string) => Promise<void>,
): Promise<AppendResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const existing = await existingIds(client, events.map((event) => event.id));
    const fresh = uniqueById(events).filter((event) => !existing.has(event.id));
    const duplicates = events.map((event) => event.id).filter((id, i, ids) => existing.has(id) || ids.indexOf(id) !== i);

    const head = await lockStreamHead(client, streamName);
    // A pure retry succeeds whatever the stream's revision is now.
    if (fresh.length > 0 || duplicates.length === 0) {
      assertExpected(streamName, expected, head.revision);
    }
    if (fresh.length === 0) {
      await client.query('ROLLBACK');
      return { nextExpectedRevision: head.revision, position: await headPosition(pool, streamName), appended: [], duplicates };
    }

    const links = chainEvents(streamName, head, fresh, new Date());
    const { rows } = await client.query<{ tx_id: string; position: string }>(
      `INSERT INTO es_events (event_id, stream_name, revision, event_type, data, metadata, recorded_at)
       SELECT id, $1, rev, type, data::jsonb, metadata::jsonb, $7
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS e(id, rev, type, data, metadata)
       RETURNING tx_id::text, position`,
      [
        streamName,
        links.map((link) => link.id),
        links.map((link) => link.revision),
        links.map((link) => link.type),
        links.map((link) => JSON.stringify(link.data)),
        links.map((link) => JSON.stringify(link.metadata)),
        links[0].metadata['recordedAt'],
      ],
    );
    const last = links[links.length - 1];
    await client.query(
      `INSERT INTO es_streams (stream_name, revision, head_hash) VALUES ($1, $2, $3)
       ON CONFLICT (stream_name) DO UPDATE SET revision = $2, head_hash = $3, updated_at = now()`,
      [
      streamName,
      last.revision,
        last.metadata['hash'],
      ],
    );
    await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, streamName]);
    await beforeCommit?.(streamName);
    await client.query('COMMIT');

    const maxPosition = rows.reduce((max, row) => (BigInt(row.position) > max ? BigInt(row.position) : max), 0n);
    return {
      nextExpectedRevision: last.revision,
      position: encodePosition(BigInt(rows[0].tx_id), maxPosition),
      appended: links.map((link) => link.id),
      duplicates,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function existingIds(client: PoolClient, ids: string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ event_id: string }>('SELECT event_id FROM es_events WHERE event_id = ANY($1::text[])', [ids]);
  return new Set(rows.map((row) => row.event_id));
}

/**
 * Serialises appends to one stream with an advisory lock, which (unlike a row
 * lock) assigns no transaction id: the id is taken by the first write after the
 * lock, so later appends to a stream always get larger ids and the global
 * (tx_id, position) order agrees with every stream's revisions.
 */
async function lockStreamHead(client: PoolClient, streamName: string): Promise<{ revision: number; hash: string }> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamName]);
  const { rows } = await client.query<{ revision: string; head_hash: string }>(
    'SELECT revision, head_hash FROM es_streams WHERE stream_name = $1',
    [streamName],
  );
  return rows.length ? { revision: Number(rows[0].revision), hash: rows[0].head_hash } : { revision: -1, hash: GENESIS_HASH };
}

function assertExpected(streamName: string, expected: ExpectedRevision, current: number): void {
  const exists = current >= 0;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && !exists) ||
    (expected === 'stream_exists' && exists) ||
    expected === current;
  if (!ok) {
    throw new WrongExpectedVersionError(streamName, expected, exists ? current : 'no_stream');
  }
}

async function headPosition(pool: Pool, streamName: string): Promise<Position> {
  const { rows } = await pool.query<{ tx_id: string; position: string }>(
    'SELECT tx_id::text, position FROM es_events WHERE stream_name = $1 ORDER BY revision DESC LIMIT 1',
    [streamName],
  );
  return rows.length ? encodePosition(BigInt(rows[0].tx_id), BigInt(rows[0].position)) : START;
}

// tx_id leaves as text under another name: ORDER BY tx_id would otherwise sort the text.
const COLUMNS = 'tx_id::text AS tx, position, event_id, stream_name, revision, event_type, data, metadata, recorded_at';

async function selectStream(pool: Pool, streamName: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
  const { rows } = await pool.query<EventRow>(
    `SELECT ${COLUMNS} FROM es_events
     WHERE stream_name = $1 AND revision ${backwards ? '<=' : '>='} $2
     ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
    [streamName, from, options.maxCount ?? null],
  );
  return rows.map(toRecordedEvent);
}

/**
 * Reads in (tx_id, position) order and only below the oldest transaction still
 * running, so rows of a transaction that commits late are never skipped. The
 * horizon is taken by a statement of its own, before the read: everything
 * below it has finished by then, so the read's later snapshot sees all of it.
 */
async function selectAll(pool: Pool, after: Position, maxCount: number, filter?: AllFilter): Promise<RecordedEvent[]> {
  const { major, minor } = decodePosition(after);
  const horizon = await pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
  const params: unknown[] = [major.toString(), minor.toString(), maxCount, horizon.rows[0].xmin];
  const conditions = ['(tx_id, position) > ($1::xid8, $2::bigint)', 'tx_id < $4::xid8'];
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes.map((prefix) => `${escapeLike(prefix)}%`));
    conditions.push(`stream_name LIKE ANY($${params.length}::text[])`);
  }
  if (filter?.eventTypes?.length) {
    params.push(filter.eventTypes);
    conditions.push(`event_type = ANY($${params.length}::text[])`);
  }
  const { rows } = await pool.query<EventRow>(
    `SELECT ${COLUMNS} FROM es_events WHERE ${conditions.join(' AND ')} ORDER BY tx_id, position LIMIT $3`,
    params,
  );
  return rows.map(toRecordedEvent);
}

function pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  notifier: ReturnType<typeof createPostgresNotifier>,
  { after = START, filter, batchSize = 1000 }: SubscribeToAllOptions,
  pollIntervalMs: number,
): AllSubscription {
  let closed = false;
  const waiter = notifier.waiter();

  async function* events(): AsyncGenerator<RecordedEvent> {
    let checkpoint = after;
    let retryMs = 0;
    try {
      while (!closed) {
        const seen = waiter.version();
        const batch = await readAll({ after: checkpoint, maxCount: batchSize, filter });
        for (const event of batch) {
          checkpoint = event.position;
          yield event;
          if (closed) return;
        }
        if (batch.length === batchSize) continue;
        if (batch.length > 0) retryMs = 0;
        // A notification that brought nothing visible means an older transaction is
        // still open; look again soon instead of waiting for the next notification.
        retryMs = waiter.version() !== seen || retryMs > 0 ? Math.min(Math.max(retryMs * 2, 10), pollIntervalMs) : 0;
        await waiter.wait(seen, retryMs || pollIntervalMs);
      }
    } finally {
      waiter.dispose();
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      waiter.interrupt();
      await iterator.return(undefined);
    },
  };
}

interface EventRow {
  tx: string;
  position: string;
  event_id: string;
  stream_name: string;
  revision: string;
  event_type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamName: row.stream_name,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    revision: Number(row.revision),
    position: encodePosition(BigInt(row.tx), BigInt(row.position)),
    recordedAt: row.recorded_at,
  };
}

function uniqueById(events: EventToAppend[]): EventToAppend[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.id) && seen.add(event.id));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (error as { code?: string; constraint?: string })?.code === '23505' && (error as { constraint?: string }).constraint === constraint;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08000', '08001', '08003', '08006']);

async function unavailableOnConnectionError<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (CONNECTION_ERRORS.has((error as { code?: string })?.code ?? '')) {
      throw new EventStoreUnavailableError(`The Postgres event store is unavailable: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}
