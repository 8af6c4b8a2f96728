import type { Pool } from 'pg';

/**
 * Every transaction that appends events takes this shared advisory lock after
 * its stream locks and before it has a transaction id (see
 * `APPENDER_MARK_SQL`), so a reader can tell the transactions that may still
 * add rows to `es_events` from those that write only read models, sessions or
 * another application's tables. The two-int form keeps it apart from every
 * bigint advisory lock (stream locks, projection locks).
 */
export const APPENDER_LOCK_CLASS = 0x74726d6b; // "trmk"
export const APPENDER_MARK_SQL = `SELECT pg_advisory_xact_lock_shared(${APPENDER_LOCK_CLASS}, 0)`;

/**
 * The position `$all` may be read up to: the oldest running transaction that
 * is, or may become, an appender, or the snapshot's xmax when there is none.
 *
 * A running transaction is left out only when it is known not to append: it
 * holds a transaction id but not the marker lock, and appenders take the
 * marker before their id is assigned, so such a transaction never appends. A
 * transaction id whose lock row is not found (assigned a moment ago, or just
 * finished) is kept in, which at worst delays a read until the next look.
 * Reading the lock table once (the materialised CTE) keeps the two checks
 * consistent with each other. Before this, the horizon was the snapshot's
 * xmin, so every read-model transaction, and any long transaction in another
 * database of the same cluster, held back what subscribers could see.
 */
const HORIZON_SQL = `
  WITH snap AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
  locks AS MATERIALIZED (
    SELECT locktype, classid, objid, objsubid, virtualtransaction, transactionid, mode, granted FROM pg_locks
    WHERE locktype IN ('transactionid', 'advisory')
  ),
  non_appenders AS (
    SELECT t.transactionid::text::bigint AS xid32 FROM locks t
    WHERE t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock' AND t.granted
      AND NOT EXISTS (
        SELECT 1 FROM locks a
        WHERE a.virtualtransaction = t.virtualtransaction AND a.locktype = 'advisory'
          AND a.classid = ${APPENDER_LOCK_CLASS}::oid AND a.objid = 0::oid AND a.objsubid = 2
      )
  )
  SELECT COALESCE(
    (SELECT min(x) FROM pg_snapshot_xip((SELECT s FROM snap)) AS x
     WHERE (x::text::numeric % 4294967296)::bigint NOT IN (SELECT xid32 FROM non_appenders)),
    pg_snapshot_xmax((SELECT s FROM snap))
  )::text AS horizon`;

/** A named statement: each connection plans it once, not on every poll. */
export async function appendHorizon(pool: Pick<Pool, 'query'>): Promise<string> {
  const { rows } = await pool.query<{ horizon: string }>({ name: 'es_append_horizon', text: HORIZON_SQL });
  return rows[0].horizon;
}

/**
 * `appendHorizon` for many readers of one pool: callers that arrive while a
 * look is under way share the next one, which starts when it ends. Each
 * caller still gets a horizon looked up after it asked, so nothing committed
 * before the call is missed; the projections of one process, all woken by the
 * same append, then cost one or two looks instead of one each.
 */
export function sharedAppendHorizon(pool: Pick<Pool, 'query'>): () => Promise<string> {
  let current: Promise<string> | undefined;
  let queued: Promise<string> | undefined;
  const start = (): Promise<string> => {
    const look = appendHorizon(pool).finally(() => {
      if (current === look) current = undefined;
    });
    current = look;
    return look;
  };
  return () => {
    if (!current) return start();
    // Whether the look under way succeeds or fails, the next one starts after it.
    queued ??= current
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
}
