import { activityFeedProjection } from './activity-feed/activity-feed.projection';
import { directoryProjection } from './directory/directory.projection';
import { notificationsProjection } from './notifications/notifications.projection';
import { NOTIFICATION_REACTOR_COUNT } from './notifications/notification-reactors';
import { recordTimelineProjection } from './record-timeline/record-timeline.projection';
import type { Projection } from './projection';
import { workspaceRetentionProjection } from './retention/workspace-retention.projection';
import { statsProjection } from './stats/stats.projection';
import { userActivityProjection } from './user-activity/user-activity.projection';

/** Every read model a projector process keeps. */
export const ALL_PROJECTIONS: readonly Projection[] = [directoryProjection, activityFeedProjection, recordTimelineProjection, statsProjection, userActivityProjection, workspaceRetentionProjection, notificationsProjection];

/**
 * Connections the runners of ALL_PROJECTIONS and the notification reactors need from a pool: each active one
 * keeps one for its lock, takes another per batch and, while catching up, a
 * third for the page it reads ahead; plus the store's LISTEN connection. A
 * pool sized without them starves reads behind the runners.
 */
export const PROJECTION_CONNECTIONS = 3 * (ALL_PROJECTIONS.length + NOTIFICATION_REACTOR_COUNT) + 1;
