import { Module } from '@nestjs/common';
import { AuthGuardsModule } from '@trailmark/auth';
import { ActivityController } from './activity.controller';
import { ActivityFeedReader } from './activity-feed.reader';
import { ActivityDetailReader } from './activity-detail.reader';
import { ActivityExporter } from './activity-exporter';
import { AuditLogController } from './audit-log.controller';
import { RecordTimelineController } from './record-timeline.controller';
import { RecordTimelineReader } from './record-timeline.reader';
import { StatsController } from './stats.controller';
import { StatsReader } from './stats.reader';
import { UserActivityController } from './user-activity.controller';
import { UserActivityReader } from './user-activity.reader';
import { UserReportsController } from './user-reports.controller';
import { UserReportsReader } from './user-reports.reader';
import { AlertRulesController } from './notifications/alert-rules.controller';
import { AlertRulesReader } from './notifications/alert-rules.reader';
import { NotificationCommands } from './notifications/notification-commands';
import { NotificationReactorsRunner } from './notifications/notification-reactors.runner';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsReader } from './notifications/notifications.reader';

/**
 * `GET /api/workspaces/:ws/activity` (list, facets, export, detail) and
 * `.../audit-log`. Needs `PG_POOL` and `EVENT_STORE` from a global module and
 * the activity-feed projection running somewhere.
 * `.../records/:type/:id/timeline` needs the record-timeline projection.
 * `.../stats` needs the stats projection.
 * `.../users/:userId/activity` and `.../reports/*` need the user-activity projection.
 * `.../alert-rules` and `.../notifications` run the notification reactors where the projections run.
 */
@Module({
  imports: [AuthGuardsModule],
  controllers: [ActivityController, AuditLogController, RecordTimelineController, StatsController, UserActivityController, UserReportsController, AlertRulesController, NotificationsController],
  providers: [ActivityFeedReader, ActivityDetailReader, ActivityExporter, RecordTimelineReader, StatsReader, UserActivityReader, UserReportsReader, AlertRulesReader, NotificationsReader, NotificationCommands, NotificationReactorsRunner],
})
export class ActivityModule {}
