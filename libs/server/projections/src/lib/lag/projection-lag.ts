import type { EventStore, Position } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { readCheckpoint } from '../checkpoints';
import type { Projection } from '../projection';
import { pendingEvents } from './pending-events';
import type { ProjectionActivity } from './projection-activity';

/** Events counted per projection before the count is reported as "at least". */
export const LAG_SCAN_LIMIT = 1000;

export interface ProjectionLag {
  projection: string;
  /** Last position the projection committed; null before its first batch. */
  checkpoint: Position | null;
  /**
   * Last event in `$all` the projection listens to: equal to the checkpoint
   * when caught up; null when it has seen nothing and nothing is pending, or
   * when more than the scan limit is pending.
   */
  head: Position | null;
  eventsBehind: number;
  /** True when more events are pending than were counted: `eventsBehind` is then a lower bound. */
  eventsBehindCapped: boolean;
  /** Age of the oldest event not applied yet; 0 when caught up. */
  lagMs: number;
}

export interface LagOptions {
  now?: () => Date;
  scanLimit?: number;
}

/** Long enough for a healthy store, short enough for a probe or a scrape; reads of some stores carry no deadline of their own. */
export const LAG_TIMEOUT_MS = 2_000;

/**
 * How far a projection's read model is behind the store. The time lag is the
 * age of the oldest unapplied event, not the gap between two recorded times:
 * it keeps growing while a runner is stopped even when nothing new arrives,
 * which is what a reader of a stale read model experiences.
 */
export async function projectionLag(store: EventStore, pool: Pool, projection: Projection, options: LagOptions = {}): Promise<ProjectionLag> {
  const { now = () => new Date(), scanLimit = LAG_SCAN_LIMIT } = options;
  const checkpoint = (await readCheckpoint(pool, projection.name)) ?? null;
  const pending = await pendingEvents(store, { after: checkpoint ?? undefined, filter: projection.filter, limit: scanLimit });
  return {
    projection: projection.name,
    checkpoint,
    head: pending.complete ? (pending.head ?? checkpoint) : null,
    eventsBehind: pending.count,
    eventsBehindCapped: !pending.complete,
    // Recorded by another process's clock: a little skew must not show as negative lag.
    lagMs: pending.oldestRecordedAt ? Math.max(0, now().getTime() - pending.oldestRecordedAt.getTime()) : 0,
  };
}

/** Every projection's lag; rejects after `timeoutMs` rather than wait on a store that does not answer. */
export async function projectionLags(
  store: EventStore,
  pool: Pool,
  projections: readonly Projection[],
  { timeoutMs = LAG_TIMEOUT_MS, ...options }: LagOptions & { timeoutMs?: number } = {},
): Promise<ProjectionLag[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The projection lag was not read within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.all(projections.map((projection) => projectionLag(store, pool, projection, options))), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A projection's lag as /health shows it, in the API and the projector alike. */
export interface ProjectionLagReport {
  name: string;
  /** `lagging` once the oldest unapplied event is older than the threshold. */
  status: 'ok' | 'lagging';
  lagMs: number;
  eventsBehind: number;
  eventsBehindCapped: boolean;
  checkpoint: Position | null;
  head: Position | null;
  /** Null where this process cannot tell. */
  active: boolean | null;
}

export function lagReport(lag: ProjectionLag, thresholdMs: number, activity?: ProjectionActivity): ProjectionLagReport {
  return {
    name: lag.projection,
    status: lag.lagMs > thresholdMs ? 'lagging' : 'ok',
    lagMs: lag.lagMs,
    eventsBehind: lag.eventsBehind,
    eventsBehindCapped: lag.eventsBehindCapped,
    checkpoint: lag.checkpoint,
    head: lag.head,
    active: activity?.isActive(lag.projection) ?? null,
  };
}
