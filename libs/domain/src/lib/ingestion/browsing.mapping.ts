import { streams } from '@trailmark/contracts';
import { present } from '../activity/host-values';
import type { DataExported, PageViewed } from '../browsing/browsing.events';
import type { HostEventInput, MappedHostEvent } from './host-event';
import type { HostEventReader } from './host-event-reader';

/** A page view, in the viewer's browsing stream. The target is the page: its URL (or id) and its title as name. */
export function mapPageView({ workspaceId, event }: HostEventInput, read: HostEventReader): MappedHostEvent | undefined {
  const target = read.target();
  const recordType = read.text('recordType');
  const recordId = read.text('recordId');
  if (!target) return undefined;
  if ((recordType === undefined) !== (recordId === undefined)) {
    const missing = recordType === undefined ? 'details.recordType' : 'details.recordId';
    return read.problem(missing, 'A record is named by both details.recordType and details.recordId');
  }
  const data: PageViewed['data'] = { url: target.url ?? target.id, ...present({ title: target.name, recordType, recordId }) };
  return {
    streamName: streams.browsing(workspaceId, event.actor.id),
    event: { type: 'PageViewed', data },
    extras: read.extras(['type', 'id', 'name', 'url']),
  };
}

/** An export of a host dataset (the target's id), in the exporter's browsing stream. */
export function mapDataExport({ workspaceId, eventId, event }: HostEventInput, read: HostEventReader): MappedHostEvent | undefined {
  const target = read.target();
  const details = present({ format: read.text('format'), rowCount: read.count('rowCount'), filters: read.object('filters') });
  if (!target) return undefined;
  const data: DataExported['data'] = { exportId: read.text('exportId') ?? eventId, dataset: target.id, ...details };
  return { streamName: streams.browsing(workspaceId, event.actor.id), event: { type: 'DataExported', data }, extras: read.extras(['id']) };
}
