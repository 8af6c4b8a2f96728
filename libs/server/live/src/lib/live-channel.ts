import type { ActivityItem, LiveChannel } from '@trailmark/contracts';
import type { WorkspaceAction } from '@trailmark/domain';
import { notificationStream } from '@trailmark/projections';

/** Which feed rows a channel shows; the actor is the signed-in member for "mine". */
export interface FeedFilter {
  workspaceId: string;
  actorId?: string;
  recordType?: string;
  recordId?: string;
  /** Only the events of this stream (a member's own notifications). */
  streamName?: string;
}

/** A channel as one member sees it: its key, what it needs, and what it shows. */
export interface ResolvedChannel {
  key: string;
  kind: 'feed' | 'stats';
  action: WorkspaceAction;
  filter: FeedFilter;
}

/** The same rules as the HTTP routes: the record timeline and everyone's stats need what the workspace feed needs. */
export function resolveChannel(channel: LiveChannel, userId: string): ResolvedChannel {
  const { workspaceId } = channel;
  const part = encodeURIComponent;
  switch (channel.kind) {
    case 'workspace':
      return { key: `workspace:${part(workspaceId)}`, kind: 'feed', action: 'activity.read_workspace', filter: { workspaceId } };
    case 'mine':
      return { key: `mine:${part(workspaceId)}`, kind: 'feed', action: 'activity.read_own', filter: { workspaceId, actorId: userId } };
    case 'record': {
      const { recordType, recordId } = channel;
      const key = `record:${part(workspaceId)}:${part(recordType)}:${part(recordId)}`;
      return { key, kind: 'feed', action: 'activity.read_workspace', filter: { workspaceId, recordType, recordId } };
    }
    case 'stats':
      return channel.scope === 'mine'
        ? { key: `stats:mine:${part(workspaceId)}`, kind: 'stats', action: 'activity.read_own', filter: { workspaceId, actorId: userId } }
        : { key: `stats:${part(workspaceId)}`, kind: 'stats', action: 'activity.read_workspace', filter: { workspaceId } };
    case 'notifications':
      return { key: `notifications:${part(workspaceId)}`, kind: 'feed', action: 'alerts.personal', filter: { workspaceId, streamName: notificationStream(workspaceId, userId) } };
    default:
      return channel satisfies never;
  }
}

/** Whether a live item of `workspaceId` belongs on the channel; the SQL twin is `filterConditions`. */
export function matchesFilter(filter: FeedFilter, workspaceId: string, item: ActivityItem): boolean {
  return (
    workspaceId === filter.workspaceId &&
    (filter.actorId === undefined || item.actor.id === filter.actorId) &&
    (filter.recordType === undefined || (item.record?.type === filter.recordType && item.record.id === filter.recordId)) &&
    (filter.streamName === undefined || item.streamName === filter.streamName)
  );
}

/** The WHERE clause of `matchesFilter` over `activity_feed`, for rows after `after`. */
export function filterConditions(filter: FeedFilter, after: string): { where: string; params: string[] } {
  const params = [filter.workspaceId, after];
  const where = ['workspace_id = $1', 'position > $2'];
  const equal = { actor_id: filter.actorId, record_type: filter.recordType, record_id: filter.recordId, stream_name: filter.streamName };
  for (const [column, value] of Object.entries(equal)) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  return { where: where.join(' AND '), params };
}
