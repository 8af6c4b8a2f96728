import type { Position } from '@trailmark/event-store';
import type { Pool, PoolClient } from 'pg';

/** One POST of one batch to a destination, as the delivery log keeps it. */
export interface DeliveryAttempt {
  destinationId: string;
  workspaceId: string;
  deliveryId: string;
  attempt: number;
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  firstPosition: string;
  lastPosition: string;
  eventCount: number;
  durationMs: number;
  nextRetryAt: string | null;
}

export interface DeliveryLogEntry extends Omit<DeliveryAttempt, 'destinationId' | 'workspaceId'> {
  seq: number;
  attemptedAt: string;
}

const COLUMNS = ['destination_id', 'workspace_id', 'delivery_id', 'attempt', 'succeeded', 'status_code', 'error', 'first_position', 'last_position', 'event_count', 'duration_ms', 'next_retry_at'];

async function insertAttempt(db: Pool | PoolClient, a: DeliveryAttempt): Promise<void> {
  await db.query(
    `INSERT INTO streaming_deliveries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (destination_id, delivery_id, attempt) DO NOTHING`,
    [a.destinationId, a.workspaceId, a.deliveryId, a.attempt, a.succeeded, a.statusCode, a.error, a.firstPosition, a.lastPosition, a.eventCount, a.durationMs, a.nextRetryAt],
  );
}

export const logFailedAttempt = (pool: Pool, attempt: DeliveryAttempt) => insertAttempt(pool, attempt);

/** The delivered batch's log row and the destination's new checkpoint, in the caller's transaction. */
export async function logDelivered(client: PoolClient, attempt: DeliveryAttempt): Promise<void> {
  await insertAttempt(client, attempt);
  await client.query(
    `INSERT INTO streaming_checkpoints (destination_id, workspace_id, position, delivered_events) VALUES ($1, $2, $3, $4)
     ON CONFLICT (destination_id) DO UPDATE SET position = excluded.position, updated_at = now(),
       delivered_events = streaming_checkpoints.delivered_events + excluded.delivered_events`,
    [attempt.destinationId, attempt.workspaceId, attempt.lastPosition, attempt.eventCount],
  );
}

export async function readDestinationCheckpoint(db: Pool | PoolClient, destinationId: string): Promise<Position | undefined> {
  const { rows } = await db.query<{ position: Position }>('SELECT position FROM streaming_checkpoints WHERE destination_id = $1', [destinationId]);
  return rows[0]?.position;
}

/** Newest first; `beforeSeq` continues a page. */
export async function deliveryLogPage(pool: Pool, workspaceId: string, destinationId: string, limit: number, beforeSeq?: number): Promise<DeliveryLogEntry[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT seq, delivery_id, attempt, succeeded, status_code, error, first_position, last_position, event_count, duration_ms, next_retry_at, attempted_at
     FROM streaming_deliveries WHERE workspace_id = $1 AND destination_id = $2 AND ($3::bigint IS NULL OR seq < $3)
     ORDER BY seq DESC LIMIT $4`,
    [workspaceId, destinationId, beforeSeq ?? null, limit],
  );
  return rows.map((row) => ({
    seq: Number(row['seq']),
    deliveryId: row['delivery_id'] as string,
    attempt: row['attempt'] as number,
    succeeded: row['succeeded'] as boolean,
    statusCode: row['status_code'] as number | null,
    error: row['error'] as string | null,
    firstPosition: row['first_position'] as string,
    lastPosition: row['last_position'] as string,
    eventCount: row['event_count'] as number,
    durationMs: row['duration_ms'] as number,
    nextRetryAt: row['next_retry_at'] ? (row['next_retry_at'] as Date).toISOString() : null,
    attemptedAt: (row['attempted_at'] as Date).toISOString(),
  }));
}

export interface DeliveryProgress {
  position: string | null;
  deliveredEvents: number;
  lastSuccessAt: string | null;
  lastError: { at: string; statusCode: number | null; error: string | null } | null;
  /** True when the newest attempt failed: the destination is retrying. */
  failing: boolean;
}

/** Per destination of the workspace: how far it got and how its last attempts went. */
export async function deliveryProgress(pool: Pool, workspaceId: string): Promise<Map<string, DeliveryProgress>> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `WITH ids AS (SELECT destination_id FROM streaming_deliveries WHERE workspace_id = $1
                  UNION SELECT destination_id FROM streaming_checkpoints WHERE workspace_id = $1)
     SELECT ids.destination_id, c.position, coalesce(c.delivered_events, 0) AS delivered_events,
       (SELECT max(attempted_at) FROM streaming_deliveries d WHERE d.destination_id = ids.destination_id AND d.succeeded) AS last_success_at,
       f.attempted_at AS failed_at, f.status_code, f.error,
       (SELECT NOT succeeded FROM streaming_deliveries d WHERE d.destination_id = ids.destination_id ORDER BY seq DESC LIMIT 1) AS failing
     FROM ids LEFT JOIN streaming_checkpoints c USING (destination_id)
     LEFT JOIN LATERAL (SELECT attempted_at, status_code, error FROM streaming_deliveries d
       WHERE d.destination_id = ids.destination_id AND NOT d.succeeded ORDER BY seq DESC LIMIT 1) f ON true`,
    [workspaceId],
  );
  return new Map(
    rows.map((row) => [
      row['destination_id'] as string,
      {
        position: (row['position'] as string | null) ?? null,
        deliveredEvents: Number(row['delivered_events']),
        lastSuccessAt: row['last_success_at'] ? (row['last_success_at'] as Date).toISOString() : null,
        lastError: row['failed_at'] ? { at: (row['failed_at'] as Date).toISOString(), statusCode: row['status_code'] as number | null, error: row['error'] as string | null } : null,
        failing: row['failing'] === true,
      },
    ]),
  );
}
