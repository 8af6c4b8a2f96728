import { Module } from '@nestjs/common';
import { AuthGuardsModule } from '@trailmark/auth';
import { ActivityController } from './activity.controller';
import { ActivityFeedReader } from './activity-feed.reader';

/**
 * `GET /api/workspaces/:ws/activity`. Needs `PG_POOL` from a global module and
 * the activity-feed projection running somewhere.
 */
@Module({
  imports: [AuthGuardsModule],
  controllers: [ActivityController],
  providers: [ActivityFeedReader],
})
export class ActivityModule {}
