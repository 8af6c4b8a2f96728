import type { RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';
import { BACKGROUND_READ_INTERVAL_MS, type Projection } from '../projection';

export const WORKSPACE_RETENTION_PROJECTION = 'workspace-retention';

/** The workspace setting that sets how long its activity feed keeps rows. */
export const RETENTION_SETTING = 'retentionDays';

type Data = { workspaceId?: string; settings?: Record<string, unknown>; changes?: { setting: string; current: unknown }[] };

/** Whole days from a positive integer (or its digits as text); null, meaning the default, for anything else. */
export function feedDays(value: unknown): number | null {
  const days = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof days === 'number' && Number.isSafeInteger(days) && days > 0 ? days : null;
}

const setDays = (client: PoolClient, workspaceId: string, days: number | null) =>
  client.query(
    `INSERT INTO workspace_retention (workspace_id, feed_days) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET feed_days = excluded.feed_days`,
    [workspaceId, days],
  );

const handlers: Record<string, (client: PoolClient, data: Data) => Promise<unknown>> = {
  WorkspaceCreated: (client, data) => setDays(client, data.workspaceId as string, feedDays(data.settings?.[RETENTION_SETTING])),
  WorkspaceSettingsChanged: async (client, data) => {
    const change = data.changes?.findLast((entry) => entry.setting === RETENTION_SETTING);
    if (change) await setDays(client, data.workspaceId as string, feedDays(change.current));
  },
};

/** Each workspace's `retentionDays` setting, read by the retention job. */
export const workspaceRetentionProjection: Projection = {
  name: WORKSPACE_RETENTION_PROJECTION,
  readIntervalMs: BACKGROUND_READ_INTERVAL_MS,
  filter: { eventTypes: Object.keys(handlers) },
  tables: ['workspace_retention'],
  async apply(client, events: RecordedEvent[]) {
    for (const event of events) await handlers[event.type]?.(client, event.data as Data);
  },
};
