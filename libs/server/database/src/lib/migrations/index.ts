import { EventStoreSchema1763769600000 } from './1763769600000-event-store-schema';
import { EventStoreAppendFunction1763769700000 } from './1763769700000-event-store-append-function';

export const migrations = [EventStoreSchema1763769600000, EventStoreAppendFunction1763769700000];
