import type { Pool, PoolClient } from 'pg';
import { APPENDER_MARK_SQL } from './append-horizon';
import type { AppendResult, StreamAppend } from './event-store.port';
import { WrongExpectedVersionError } from './errors';
import { chainPrepared, GENESIS_HASH, type ChainLink, type PreparedEvent, prepareEvents } from './hash-chain';
import { encodePosition, type Position } from './position';
import { EVENTS_CHANNEL } from './postgres-notifier';

/**
 * Appends to many streams in one transaction. The streams' advisory locks are
 * taken first, in a fixed order so concurrent calls cannot deadlock, and before
 * any write, so the transaction id still comes after every lock; then the
 * appender mark, which readers of `$all` look for. What needs no
 * lock happens before taking them: the costly part of hashing, and the look-up
 * of ids already stored (an id stored meanwhile by someone else fails the
 * insert on its unique key, and the caller's retry then sees it).
 */
export async function appendToStreamsAtomically(pool: Pool, appends: StreamAppend[]): Promise<AppendResult[]> {
  const names = appends.map((append) => append.streamName);
  if (new Set(names).size !== names.length) {
    throw new TypeError('appendToStreams needs each stream once; group the events of one stream together');
  }
  const recordedAt = new Date();
  const prepared = new Map(appends.map((append) => [append.streamName, prepareEvents(append.streamName, append.events, recordedAt)]));
  const existing = await existingIds(pool, appends.flatMap((append) => append.events.map((event) => event.id)));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(s, 0) AS h FROM unnest($1::text[]) s ORDER BY h) locks', [names]);
    await client.query(APPENDER_MARK_SQL);
    const heads = { streams: await readHeads(client, names), existing };
    const planned = appends.map((append) => plan(append, heads, prepared.get(append.streamName) as PreparedEvent[]));
    const links = planned.flatMap((p) => p.links);
    let position: Position | undefined;
    if (links.length > 0) {
      position = await insert(client, links, planned);
    }
    await client.query('COMMIT');
    return planned.map((p) => ({
      nextExpectedRevision: p.links.at(-1)?.revision ?? p.head.revision,
      position: position ?? encodePosition(0n, 0n),
      appended: p.links.map((link) => link.id),
      duplicates: p.duplicates,
    }));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface Heads {
  streams: Map<string, { revision: number; hash: string }>;
  existing: Set<string>;
}

async function readHeads(client: PoolClient, names: string[]): Promise<Heads['streams']> {
  const { rows } = await client.query<{ stream_name: string; revision: string; head_hash: string }>(
    'SELECT stream_name, revision, head_hash FROM es_streams WHERE stream_name = ANY($1::text[])',
    [names],
  );
  return new Map(rows.map((row) => [row.stream_name, { revision: Number(row.revision), hash: row.head_hash }]));
}

async function existingIds(pool: Pool, ids: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM es_events WHERE event_id = ANY($1::text[])', [ids]);
  return new Set(rows.map((row) => row.event_id));
}

function plan({ streamName, events, expectedRevision = 'any' }: StreamAppend, heads: Heads, prepared: PreparedEvent[]) {
  const head = heads.streams.get(streamName) ?? { revision: -1, hash: GENESIS_HASH };
  const seen = new Set<string>();
  const fresh = prepared.filter(({ event }) => !heads.existing.has(event.id) && !seen.has(event.id) && seen.add(event.id));
  const duplicates = events.map((event) => event.id).filter((id, i, ids) => heads.existing.has(id) || ids.indexOf(id) !== i);
  if (fresh.length > 0 || duplicates.length === 0) {
    const exists = head.revision >= 0;
    const ok =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && !exists) ||
      (expectedRevision === 'stream_exists' && exists) ||
      expectedRevision === head.revision;
    if (!ok) throw new WrongExpectedVersionError(streamName, expectedRevision, exists ? head.revision : 'no_stream');
  }
  // An id may repeat across streams in one call: only its first occurrence is written.
  for (const { event } of fresh) heads.existing.add(event.id);
  return { streamName, head, duplicates, links: chainPrepared(streamName, head, fresh) };
}

async function insert(client: PoolClient, links: ChainLink[], planned: Array<{ streamName: string; links: ChainLink[] }>): Promise<Position> {
  const written = planned.filter((p) => p.links.length > 0);
  // One statement for the events, the stream heads and the notification: the
  // transaction id is assigned by the first write, and from then until the
  // commit every reader of $all waits for this transaction, so nothing else
  // takes a round trip in between. One JSON document instead of six array
  // parameters: serialising and parsing JSON is native on both sides, array
  // literals are escaped value by value.
  const { rows } = await client.query<{ tx: string; position: string }>(
    `WITH heads AS (
       INSERT INTO es_streams (stream_name, revision, head_hash)
       SELECT * FROM unnest($3::text[], $4::bigint[], $5::text[])
       ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, head_hash = excluded.head_hash, updated_at = now()
     ), events AS (
       INSERT INTO es_events (event_id, stream_name, revision, event_type, data, metadata, recorded_at)
       SELECT e.id, e.stream, e.rev, e.type, e.data, e.metadata, $2
       FROM json_to_recordset($1::json) AS e(id text, stream text, rev bigint, type text, data json, metadata json)
       RETURNING tx_id, position
     )
     SELECT tx_id::text AS tx, position, (SELECT pg_notify($6, '')) AS notified FROM events`,
    [
      JSON.stringify(links.map((link) => ({ id: link.id, stream: link.streamName, rev: link.revision, type: link.type, data: link.data, metadata: link.metadata }))),
      links[0].metadata['recordedAt'],
      written.map((p) => p.streamName),
      written.map((p) => p.links[p.links.length - 1].revision),
      written.map((p) => p.links[p.links.length - 1].metadata['hash']),
      EVENTS_CHANNEL,
    ],
  );
  const last = rows.reduce((max, row) => (BigInt(row.position) > max ? BigInt(row.position) : max), 0n);
  return encodePosition(BigInt(rows[0].tx), last);
}
