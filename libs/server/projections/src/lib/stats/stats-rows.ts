import type { RecordedEvent } from '@trailmark/event-store';
import { activityFeedRow } from '../activity-feed/activity-feed-row';

export type StatsGrain = 'hour' | 'day';

/** Rows named as the columns of the stats tables, each key once per batch. */
export interface WorkspaceBucketRow {
  workspace_id: string;
  grain: StatsGrain;
  bucket: string;
  category: string;
  kind: string;
  account: boolean;
  events: number;
}

export type ActorCategoryBucketRow = WorkspaceBucketRow & { actor_id: string };

export interface ActorBucketRow {
  workspace_id: string;
  grain: StatsGrain;
  bucket: string;
  actor_id: string;
  account: boolean;
  events: number;
  last_seen: string;
  actor_name: string;
}

export interface IpDayRow {
  workspace_id: string;
  day: string;
  ip: string;
  actor_id: string;
  hours: number;
  non_account_hours: number;
}

export interface StatsRows {
  workspaceBuckets: WorkspaceBucketRow[];
  actorCategoryBuckets: ActorCategoryBucketRow[];
  actorBuckets: ActorBucketRow[];
  ipDays: IpDayRow[];
}

const GRAINS: ReadonlyArray<[StatsGrain, number]> = [
  ['hour', 3_600_000],
  ['day', 86_400_000],
];

/** Sign-in, session and user-account events (the Auth category): what the dashboard widget leaves out. */
export const isAccountEvent = (category: string): boolean => category === 'Auth';

/** The map's row for `key`, created on first use. */
function entry<R>(rows: Map<string, R>, key: string, create: () => R): R {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = create()));
  return row;
}

/** Field separator of the map keys: Postgres text cannot hold it, so no two keys of stored values run together. */
const SEP = '\u0000';

/** The start of each bucket an event falls in, as ISO text, worked out once per bucket of the batch. */
function bucketStarts(): (at: number, unit: number) => string {
  const starts = new Map<number, string>();
  return (at, unit) => {
    const start = Math.floor(at / unit) * unit;
    let text = starts.get(start);
    if (text === undefined) starts.set(start, (text = new Date(start).toISOString()));
    return text;
  };
}

/**
 * A batch folded into counter increments, one row per key, so each table
 * takes one multi-row upsert. Events are bucketed by the hour and the day
 * they occurred in (UTC); platform events belong to no workspace and are left
 * out. An event without an actor id counts for its workspace only.
 */
export function statsRows(events: RecordedEvent[]): StatsRows {
  const workspaceBuckets = new Map<string, WorkspaceBucketRow>();
  const actorCategoryBuckets = new Map<string, ActorCategoryBucketRow>();
  const actorBuckets = new Map<string, ActorBucketRow>();
  const ipDays = new Map<string, IpDayRow>();
  const bucketStart = bucketStarts();
  for (const event of events) {
    const row = activityFeedRow(event);
    if (!row) continue;
    const { workspace_id, category, kind, actor_id, ip } = row;
    const occurred = Date.parse(row.occurred_at);
    const at = Number.isNaN(occurred) ? event.recordedAt.getTime() : occurred;
    const date = new Date(at);
    const seen = date.toISOString();
    const account = isAccountEvent(category);
    for (const [grain, unit] of GRAINS) {
      const bucket = bucketStart(at, unit);
      const counted = [workspace_id, grain, bucket, category, kind, account].join(SEP);
      entry(workspaceBuckets, counted, () => ({ workspace_id, grain, bucket, category, kind, account, events: 0 })).events += 1;
      if (actor_id === null) continue;
      entry(actorCategoryBuckets, actor_id + SEP + counted, () => ({ workspace_id, grain, bucket, category, kind, account, actor_id, events: 0 })).events += 1;
      const actor = entry(actorBuckets, [workspace_id, grain, bucket, actor_id, account].join(SEP), () => ({
        workspace_id,
        grain,
        bucket,
        actor_id,
        account,
        events: 0,
        last_seen: '',
        actor_name: '',
      }));
      actor.events += 1;
      if (seen >= actor.last_seen) {
        actor.last_seen = seen;
        actor.actor_name = row.actor_name ?? actor_id;
      }
    }
    if (ip !== null) {
      const day = seen.slice(0, 10);
      const address = entry(ipDays, [workspace_id, day, ip, actor_id ?? ''].join(SEP), () => ({ workspace_id, day, ip, actor_id: actor_id ?? '', hours: 0, non_account_hours: 0 }));
      const bit = 1 << date.getUTCHours();
      address.hours |= bit;
      if (!account) address.non_account_hours |= bit;
    }
  }
  return {
    workspaceBuckets: [...workspaceBuckets.values()],
    actorCategoryBuckets: [...actorCategoryBuckets.values()],
    actorBuckets: [...actorBuckets.values()],
    ipDays: [...ipDays.values()],
  };
}
