import { createEventStoreDbEventStore, createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';

/** EventStoreDB when a connection string is configured, else the Postgres tables. */
export function createEventStore(eventStoreConnectionString: string | undefined, pool: Pool): EventStore {
  return eventStoreConnectionString
    ? createEventStoreDbEventStore(eventStoreConnectionString)
    : createPostgresEventStore(pool);
}
