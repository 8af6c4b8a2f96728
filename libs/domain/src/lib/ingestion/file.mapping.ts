import { streams } from '@trailmark/contracts';
import { present } from '../activity/host-values';
import type { FileEvent } from '../files/file.events';
import type { HostEventInput, HostTarget, MappedHostEvent } from './host-event';
import type { HostEventReader } from './host-event-reader';

/** File actions go to the file's stream; the target is the file. */
export function mapFileAction(input: HostEventInput, type: FileEvent['type'], read: HostEventReader): MappedHostEvent | undefined {
  const target = read.target();
  const event = target && fileEvent(type, target, read);
  return event && { streamName: streams.file(input.workspaceId, target.id), event, extras: read.extras(['type', 'id', 'name']) };
}

function fileEvent(type: FileEvent['type'], target: HostTarget, read: HostEventReader): FileEvent | undefined {
  const file = { fileId: target.id, ...present({ name: target.name }) };
  switch (type) {
    case 'FileUploaded':
      return { type, data: { ...file, ...present({ contentType: read.text('contentType'), sizeBytes: read.count('sizeBytes') }) } };
    case 'FileDownloaded':
    case 'FileDeleted':
      return { type, data: file };
    case 'FileAttached': {
      const recordType = read.requiredText('recordType');
      const recordId = read.requiredText('recordId');
      return recordType === undefined || recordId === undefined ? undefined : { type, data: { ...file, recordType, recordId } };
    }
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}
