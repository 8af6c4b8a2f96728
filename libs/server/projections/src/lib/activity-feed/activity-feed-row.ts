import { describeEvent, PLATFORM } from '@trailmark/contracts';
import type { RecordedEvent } from '@trailmark/event-store';

/** One `activity_feed` row, named as its columns. */
export interface ActivityFeedRow {
  position: string;
  event_id: string;
  workspace_id: string;
  stream_name: string;
  event_type: string;
  category: string;
  kind: string;
  label: string;
  actor_kind: string | null;
  actor_id: string | null;
  actor_name: string | null;
  impersonator_id: string | null;
  result: string | null;
  ip: string | null;
  device_type: string | null;
  device_os: string | null;
  device_browser: string | null;
  record_type: string | null;
  record_id: string | null;
  record_label: string | null;
  url: string | null;
  occurred_at: string;
  recorded_at: string;
  details: unknown;
}

type Bag = Record<string, unknown>;

const bag = (value: unknown): Bag => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : {});
const text = (...values: unknown[]): string | null => (values.find((value) => typeof value === 'string' && value !== '') as string | undefined) ?? null;

/**
 * The feed row of a workspace event; undefined for platform events, which
 * belong to no workspace's feed.
 */
export function activityFeedRow(event: RecordedEvent): ActivityFeedRow | undefined {
  const metadata = event.metadata;
  const workspaceId = metadata['workspaceId'];
  if (typeof workspaceId !== 'string' || workspaceId === PLATFORM) return undefined;
  const data = bag(event.data);
  const { category, kind, label } = describeEvent(event.type, data);
  const actor = bag(metadata['actor']);
  const device = bag(metadata['device']);
  const target = bag(data['target']);
  const hostTarget = bag(bag(metadata['host'])['target']);
  const fileId = text(data['fileId']);
  return {
    position: event.position,
    event_id: event.id,
    workspace_id: workspaceId,
    stream_name: event.streamName,
    event_type: event.type,
    category,
    kind,
    label,
    actor_kind: text(actor['kind']),
    actor_id: text(actor['id']),
    actor_name: text(actor['name']),
    impersonator_id: text(actor['impersonatorId']),
    result: text(metadata['result']),
    ip: text(metadata['ip']),
    device_type: text(device['type']),
    device_os: text(device['os']),
    device_browser: text(device['browser']),
    // A file event names its file; an attachment also names the record it went on, which wins.
    record_type: text(data['recordType'], target['recordType']) ?? (fileId ? 'file' : null),
    record_id: text(data['recordId'], target['recordId'], fileId),
    record_label: text(data['name'], data['title'], data['label'], target['name'], hostTarget['name']),
    url: event.type === 'PageViewed' ? text(data['url']) : null,
    occurred_at: text(metadata['occurredAt']) ?? event.recordedAt.toISOString(),
    recorded_at: event.recordedAt.toISOString(),
    details: event.data ?? {},
  };
}
