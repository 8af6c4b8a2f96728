import type { Pool } from 'pg';
import { EventStoreUnavailableError, WrongExpectedVersionError } from './errors';
import type {
  AllFilter,
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  SubscribeToAllOptions,
} from './event-store.port';
import { sharedAppendHorizon } from './append-horizon';
import { type ChainLink, chainEvents, GENESIS_HASH } from './hash-chain';
import { encodePosition, type Position } from './position';
import { appendToStreamsAtomically } from './postgres-multi-append';
import { createPostgresNotifier, EVENTS_CHANNEL } from './postgres-notifier';
import { selectAllPage, selectStream } from './postgres-read';
import { pollingSubscription } from './postgres-subscription';

export interface PostgresEventStoreOptions {
  /** Fallback poll for subscriptions when no notification arrives. */
  pollIntervalMs?: number;
  /** Fault-injection seam for tests: runs inside the append transaction just before COMMIT. */
  beforeCommit?: (streamName: string) => Promise<void>;
}

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

  const horizon = sharedAppendHorizon(pool);
  const readPage = (after: Position, maxCount: number, filter?: AllFilter) =>
    unavailableOnConnectionError(() => selectAllPage(pool, after, maxCount, filter, horizon));

  return {
    kind: 'postgres',

    appendToStream: (streamName, events, { expectedRevision = 'any' } = {}) =>
      unavailableOnConnectionError(() => retryOnDuplicateId(() => append(pool, streamName, events, expectedRevision, options.beforeCommit))),

    appendToStreams: (appends) => unavailableOnConnectionError(() => retryOnDuplicateId(() => appendToStreamsAtomically(pool, appends))),

    readStream: (streamName, readOptions = {}) =>
      unavailableOnConnectionError(() => selectStream(pool, streamName, readOptions)),

    readAll: async ({ after = START, maxCount = 1000, filter } = {}) => (await readPage(after, maxCount, filter)).events,

    subscribeToAll(subscribeOptions: SubscribeToAllOptions = {}): AllSubscription {
      const subscription = pollingSubscription(readPage, notifier.waiter(), { ...subscribeOptions, after: subscribeOptions.after ?? START }, pollIntervalMs);
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

/** Two writers racing with the same event id: the loser runs again and then sees a duplicate. */
async function retryOnDuplicateId<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isUniqueViolation(error, 'es_events_event_id_key') || attempt >= APPEND_ATTEMPTS) throw error;
    }
  }
}

/**
 * Optimistic first: read the head, chain, and let es_append check the head did
 * not move. If it moved and the caller accepts any revision, append again
 * holding the stream's lock, which always succeeds; a hook also takes that path.
 */
async function append(
  pool: Pool,
  streamName: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
  beforeCommit?: (streamName: string) => Promise<void>,
): Promise<AppendResult> {
  if (!beforeCommit) {
    const outcome = await tryAppend(pool, streamName, events, expected);
    if (!('conflict' in outcome)) return outcome;
    if (expected !== 'any' && expected !== 'stream_exists') {
      throw new WrongExpectedVersionError(streamName, expected, outcome.conflict);
    }
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamName]);
    const outcome = await tryAppend(client, streamName, events, expected);
    if ('conflict' in outcome) {
      throw new Error(`Stream "${streamName}" moved while its lock was held`);
    }
    await beforeCommit?.(streamName);
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

type Queryable = Pick<Pool, 'query'>;

async function tryAppend(
  db: Queryable,
  streamName: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult | { conflict: number }> {
  const ids = events.map((event) => event.id);
  const head = await readHead(db, streamName, ids);
  const fresh = uniqueById(events).filter((event) => !head.existing.has(event.id));
  const duplicates = ids.filter((id, i) => head.existing.has(id) || ids.indexOf(id) !== i);
  // A pure retry succeeds whatever the stream's revision is now.
  if (fresh.length > 0 || duplicates.length === 0) {
    assertExpected(streamName, expected, head.revision);
  }
  if (fresh.length === 0) {
    return { nextExpectedRevision: head.revision, position: await headPosition(db, streamName), appended: [], duplicates };
  }
  const links = chainEvents(streamName, head, fresh, new Date());
  const written = await callAppend(db, streamName, head.revision, links);
  if (written.tx === null) {
    return { conflict: Number(written.revision) };
  }
  return {
    nextExpectedRevision: Number(written.revision),
    position: encodePosition(BigInt(written.tx), BigInt(written.last_position)),
    appended: links.map((link) => link.id),
    duplicates,
  };
}

interface Head {
  revision: number;
  hash: string;
  existing: Set<string>;
}

async function readHead(db: Queryable, streamName: string, ids: string[]): Promise<Head> {
  const { rows } = await db.query<{ revision: string | null; head_hash: string | null; existing: string[] }>(
    `SELECT s.revision, s.head_hash, ARRAY(SELECT event_id FROM es_events WHERE event_id = ANY($2::text[])) AS existing
     FROM (SELECT 1) AS one LEFT JOIN es_streams s ON s.stream_name = $1`,
    [streamName, ids],
  );
  const row = rows[0];
  return {
    revision: row.revision === null ? -1 : Number(row.revision),
    hash: row.head_hash ?? GENESIS_HASH,
    existing: new Set(row.existing),
  };
}

interface AppendRow {
  tx: string | null;
  last_position: string;
  revision: string;
}

/** Calls es_append (see its migration): one statement, one round trip. */
async function callAppend(db: Queryable, streamName: string, headRevision: number, links: ChainLink[]): Promise<AppendRow> {
  const last = links[links.length - 1];
  const { rows } = await db.query<AppendRow>('SELECT * FROM es_append($1, $2, $3, $4, $5, $6)', [
    streamName,
    headRevision,
    JSON.stringify(links.map((link) => ({ id: link.id, rev: link.revision, type: link.type, data: link.data, metadata: link.metadata }))),
    links.length,
    last.metadata['recordedAt'],
    last.metadata['hash'],
  ]);
  return rows[0];
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

async function headPosition(db: Queryable, streamName: string): Promise<Position> {
  const { rows } = await db.query<{ tx_id: string; position: string }>(
    'SELECT tx_id::text, position FROM es_events WHERE stream_name = $1 ORDER BY revision DESC LIMIT 1',
    [streamName],
  );
  return rows.length ? encodePosition(BigInt(rows[0].tx_id), BigInt(rows[0].position)) : START;
}

function uniqueById(events: EventToAppend[]): EventToAppend[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.id) && seen.add(event.id));
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
