import { activityFeedProjection } from './activity-feed/activity-feed.projection';
import { directoryProjection } from './directory/directory.projection';
import type { Projection } from './projection';

/** Every read model a projector process keeps. */
export const ALL_PROJECTIONS: readonly Projection[] = [directoryProjection, activityFeedProjection];
