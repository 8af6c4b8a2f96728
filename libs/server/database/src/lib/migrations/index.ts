import { EventStoreSchema1763769600000 } from './1763769600000-event-store-schema';

export const migrations = [EventStoreSchema1763769600000];
