import { EventStoreSchema1763769600000 } from './1763769600000-event-store-schema';
import { EventStoreAppendFunction1763769700000 } from './1763769700000-event-store-append-function';
import { DirectoryAndSecrets1763769800000 } from './1763769800000-directory-and-secrets';
import { SessionImpersonation1763769900000 } from './1763769900000-session-impersonation';
import { ActivityFeed1763770000000 } from './1763770000000-activity-feed';
import { RecordTimeline1763770100000 } from './1763770100000-record-timeline';
import { Stats1763770200000 } from './1763770200000-stats';
import { UserActivity1763770300000 } from './1763770300000-user-activity';
import { PartitionedActivityFeed1763770400000 } from './1763770400000-partitioned-activity-feed';
import { Retention1763770500000 } from './1763770500000-retention';
import { ActivityFeedEventIndex1763770600000 } from './1763770600000-activity-feed-event-index';
import { CheckpointNotify1763770680000 } from './1763770680000-checkpoint-notify';
import { AppenderMarker1763770690000 } from './1763770690000-appender-marker';
import { Notifications1763770700000 } from './1763770700000-notifications';
import { Streaming1763770750000 } from './1763770750000-streaming';
import { ActivityFeedSearchIndex1763770800000 } from './1763770800000-activity-feed-search-index';
import { CheckpointNotifyWatched1763771000000 } from './1763771000000-checkpoint-notify-watched';

export const migrations = [
  EventStoreSchema1763769600000,
  EventStoreAppendFunction1763769700000,
  DirectoryAndSecrets1763769800000,
  SessionImpersonation1763769900000,
  ActivityFeed1763770000000,
  RecordTimeline1763770100000,
  Stats1763770200000,
  UserActivity1763770300000,
  PartitionedActivityFeed1763770400000,
  Retention1763770500000,
  ActivityFeedEventIndex1763770600000,
  CheckpointNotify1763770680000,
  AppenderMarker1763770690000,
  Notifications1763770700000,
  Streaming1763770750000,
  ActivityFeedSearchIndex1763770800000,
  CheckpointNotifyWatched1763771000000,
];
