import type { AllFilter } from '@trailmark/event-store';
import type { Pool } from 'pg';

/**
 * How many events of the Postgres event store a projection's filter keeps:
 * the total of a rebuild's progress bar. The store port has no count, so with
 * EventStoreDB the bar shows counts without a total.
 */
export async function countEventsToReplay(pool: Pool, filter?: AllFilter): Promise<number> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    conditions.push(`stream_name LIKE ANY($${params.length}::text[])`);
  }
  if (filter?.eventTypes?.length) {
    params.push(filter.eventTypes);
    conditions.push(`event_type = ANY($${params.length}::text[])`);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM es_events${where}`, params);
  return Number(rows[0].n);
}
