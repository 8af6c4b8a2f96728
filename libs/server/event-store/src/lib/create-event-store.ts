import type { EventStore } from './event-store.port';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';
import { createPostgresEventStore } from './postgres-event-store';
import type { Pool } from 'pg';

/** EventStoreDB when a connection string is configured, else the Postgres tables. */
export function createEventStore(eventStoreConnectionString: string | undefined, pool: Pool): EventStore {
  return eventStoreConnectionString
    ? createEventStoreDbEventStore(eventStoreConnectionString)
    : createPostgresEventStore(pool);
}
