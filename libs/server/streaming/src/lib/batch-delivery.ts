import type { EventStore, RecordedEvent } from '@trailmark/event-store';
import { inTransaction } from '@trailmark/projections';
import type { Pool } from 'pg';
import { abortableSleep } from './abortable-sleep';
import { type BackoffPolicy, isFailureRecorded, retryDelayMs } from './backoff';
import { deliveryIdOf } from './delivery-ids';
import { type DeliveryAttempt, logDelivered, logFailedAttempt } from './delivery-log';
import { recordAttempt } from './delivery-recorder';
import type { DestinationConfig } from './destination-config';
import type { SendResult } from './http-sender';
import { toPublicEvent } from './public-event';
import { postSigned } from './signed-post';

export interface DeliverySettings {
  timeoutMs: number;
  backoff: BackoffPolicy;
  allowPrivate: boolean;
  random: () => number;
}

export interface BatchContext {
  store: EventStore;
  pool: Pool;
  destination: DestinationConfig;
  settings: DeliverySettings;
  /** Aborted when the worker stops: the POST in flight and the wait before a retry end at once. */
  signal: AbortSignal;
}

/**
 * POSTs one batch until the destination answers 2xx, retrying the same batch
 * with capped, jittered exponential backoff. Resolves true once delivered
 * (log row and checkpoint committed together), false when stopped first.
 * Attempts are numbered on from the log, so a restart continues the count.
 */
export async function deliverBatch(context: BatchContext, events: RecordedEvent[]): Promise<boolean> {
  const { destination, pool, signal } = context;
  const batch = { firstPosition: events[0].position, lastPosition: events[events.length - 1].position, eventCount: events.length };
  const deliveryId = deliveryIdOf(destination.destinationId, batch.firstPosition, batch.lastPosition);
  const body = JSON.stringify({ destinationId: destination.destinationId, deliveryId, events: events.map(toPublicEvent) });
  for (let attempt = (await lastAttempt(pool, destination.destinationId, deliveryId)) + 1; !signal.aborted; attempt += 1) {
    const result = await attemptOnce(context, deliveryId, body, batch);
    if (signal.aborted) return false;
    const { destinationId, workspaceId } = destination;
    const entry: DeliveryAttempt = { destinationId, workspaceId, ...batch, deliveryId, attempt, succeeded: isSuccess(result), ...result, nextRetryAt: null };
    if (entry.succeeded) {
      await recordSuccess(context, entry, result);
      return true;
    }
    const delay = retryDelayMs(attempt, context.settings.backoff, context.settings.random);
    await recordFailure(context, { ...entry, nextRetryAt: new Date(Date.now() + delay).toISOString() });
    await abortableSleep(delay, signal);
  }
  return false;
}

function attemptOnce({ destination, pool, settings, signal }: BatchContext, deliveryId: string, body: string, batch: { firstPosition: string; lastPosition: string }): Promise<SendResult> {
  const headers = { 'x-trailmark-delivery': deliveryId, 'x-trailmark-first-position': batch.firstPosition, 'x-trailmark-last-position': batch.lastPosition };
  return postSigned(pool, destination, body, headers, settings, signal);
}

async function recordSuccess({ store, pool }: BatchContext, entry: DeliveryAttempt, result: SendResult): Promise<void> {
  const { destinationId, deliveryId, firstPosition, lastPosition, eventCount: count, attempt, workspaceId } = entry;
  const data = { destinationId, deliveryId, firstPosition, lastPosition, count, attempt, statusCode: result.statusCode as number, durationMs: result.durationMs };
  await recordAttempt(store, workspaceId, { type: 'RecordStreamingDelivery', data });
  await inTransaction(pool, (client) => logDelivered(client, entry));
}

async function recordFailure({ store, pool }: BatchContext, entry: DeliveryAttempt): Promise<void> {
  const { destinationId, deliveryId, firstPosition, lastPosition, eventCount: count, attempt, workspaceId, statusCode, error } = entry;
  await logFailedAttempt(pool, entry);
  if (!isFailureRecorded(attempt)) return;
  const data = { destinationId, deliveryId, firstPosition, lastPosition, count, attempt, statusCode, error, nextRetryAt: entry.nextRetryAt as string };
  await recordAttempt(store, workspaceId, { type: 'RecordStreamingFailure', data });
}

const isSuccess = ({ statusCode }: SendResult) => statusCode !== null && statusCode >= 200 && statusCode < 300;

async function lastAttempt(pool: Pool, destinationId: string, deliveryId: string): Promise<number> {
  const { rows } = await pool.query<{ attempt: number | null }>(
    'SELECT max(attempt) AS attempt FROM streaming_deliveries WHERE destination_id = $1 AND delivery_id = $2',
    [destinationId, deliveryId],
  );
  return rows[0].attempt ?? 0;
}
