import { parseDevice } from '@trailmark/command-handling';
import { type Device, parseRecordEventType } from '@trailmark/contracts';
import type { RecordedEvent } from '@trailmark/event-store';
import type { ActivityItem } from './activity-item';

/** One field as it was before the event and as the event left it; `previous` is null when never known. */
export interface FieldChangeView {
  field: string;
  previous: unknown;
  new: unknown;
}

export interface ActivityDetail extends ActivityItem {
  /** The event's place in its stream; revision is null when the store could not be read. */
  stream: { name: string; revision: number | null };
  changes: FieldChangeView[];
  metadata: {
    layer: string | null;
    actor: ActivityItem['actor'];
    result: string | null;
    occurredAt: string;
    recordedAt: string;
    correlationId: string | null;
    causationId: string | null;
    ip: string | null;
    userAgent: { raw: string; device: Device | null } | null;
    hash: string | null;
    prevHash: string | null;
    /** Whatever else the metadata carries: host extras, flags, the API key, the source. */
    other: Record<string, unknown>;
  };
}

type Bag = Record<string, unknown>;

const bag = (value: unknown): Bag => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : {});
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const SHOWN_METADATA = ['workspaceId', 'layer', 'actor', 'result', 'occurredAt', 'recordedAt', 'correlationId', 'causationId', 'ip', 'userAgent', 'device', 'hash', 'prevHash'];

/** Record events name the field their action changes; updates and host activity list theirs. */
const ACTION_FIELDS: Partial<Record<string, string>> = { Assigned: 'assignee', StatusChanged: 'status' };

/** The field changes an event carries, whatever its type: `changes: [{ field, from, to }]`, or the from/to of an assignment or status change. */
export function fieldChangesOf(type: string, data: unknown): FieldChangeView[] {
  const values = bag(data);
  if (Array.isArray(values['changes'])) {
    return values['changes'].map((change) => {
      const { field, from, to } = bag(change);
      return { field: typeof field === 'string' ? field : String(field), previous: from ?? null, new: to ?? null };
    });
  }
  const field = ACTION_FIELDS[parseRecordEventType(type)?.action ?? ''];
  return field ? [{ field, previous: values['from'] ?? null, new: values['to'] ?? null }] : [];
}

/** The feed item with what only the stored event knows; from the feed row alone when the event could not be read. */
export function toActivityDetail(item: ActivityItem, event: RecordedEvent | undefined): ActivityDetail {
  const metadata = event?.metadata ?? {};
  const userAgent = text(metadata['userAgent']);
  const device = metadata['device'] ? (bag(metadata['device']) as unknown as Device) : (parseDevice(userAgent ?? undefined) ?? null);
  return {
    ...item,
    stream: { name: item.streamName, revision: event?.revision ?? null },
    changes: fieldChangesOf(item.type, event?.data ?? item.details),
    metadata: {
      layer: text(metadata['layer']),
      actor: item.actor,
      result: item.result,
      occurredAt: text(metadata['occurredAt']) ?? item.occurredAt,
      recordedAt: item.recordedAt,
      correlationId: text(metadata['correlationId']),
      causationId: text(metadata['causationId']),
      ip: item.ip,
      userAgent: userAgent ? { raw: userAgent, device } : null,
      hash: text(metadata['hash']),
      prevHash: text(metadata['prevHash']),
      other: Object.fromEntries(Object.entries(metadata).filter(([key]) => !SHOWN_METADATA.includes(key))),
    },
  };
}
