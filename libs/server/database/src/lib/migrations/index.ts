import { EventStoreSchema1763769600000 } from './1763769600000-event-store-schema';
import { EventStoreAppendFunction1763769700000 } from './1763769700000-event-store-append-function';
import { DirectoryAndSecrets1763769800000 } from './1763769800000-directory-and-secrets';
import { SessionImpersonation1763769900000 } from './1763769900000-session-impersonation';
import { ActivityFeed1763770000000 } from './1763770000000-activity-feed';

export const migrations = [
  EventStoreSchema1763769600000,
  EventStoreAppendFunction1763769700000,
  DirectoryAndSecrets1763769800000,
  SessionImpersonation1763769900000,
  ActivityFeed1763770000000,
];
