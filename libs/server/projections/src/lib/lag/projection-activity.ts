import type { RunningProjection } from '../projection-runner';

/** Which projections this process applies right now (holds their lock); provided where the runners live. */
export interface ProjectionActivity {
  isActive(projection: string): boolean;
}

/** Optional injection token: a process that runs no projections provides nothing, and reports activity as unknown. */
export const PROJECTION_ACTIVITY = Symbol('PROJECTION_ACTIVITY');

export function activityOf(running: readonly RunningProjection[]): ProjectionActivity {
  return { isActive: (projection) => running.some((run) => run.name === projection && run.isActive()) };
}
