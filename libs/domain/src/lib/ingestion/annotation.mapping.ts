import { isRecordType, type RecordAnnotationEventType, streams } from '@trailmark/contracts';
import { present } from '../activity/host-values';
import type { RecordAnnotationEvent, RecordEventBase } from '../records/record.events';
import { mapActivity } from './activity.mapping';
import type { HostEventInput, MappedHostEvent } from './host-event';
import type { HostEventReader } from './host-event-reader';

/**
 * Comments and notes go to the stream of the record they are on. On a record
 * of a type Trailmark does not track they are kept as generic activity.
 */
export function mapAnnotation(input: HostEventInput, type: RecordAnnotationEventType, read: HostEventReader): MappedHostEvent | undefined {
  const target = read.target();
  if (!target) return undefined;
  const recordType = target.type.toLowerCase();
  if (!isRecordType(recordType)) return mapActivity(input, read);
  const event = annotationEvent(type, { recordType, recordId: target.id }, read, input.eventId);
  return event && { streamName: streams.record(input.workspaceId, recordType, target.id), event, extras: read.extras(['type', 'id']) };
}

function annotationEvent(
  type: RecordAnnotationEventType,
  record: RecordEventBase,
  read: HostEventReader,
  eventId: string,
): RecordAnnotationEvent | undefined {
  switch (type) {
    case 'CommentAdded':
      return { type, data: { ...record, commentId: read.text('commentId') ?? eventId, ...present({ body: read.text('body') }) } };
    case 'NoteAdded':
      return { type, data: { ...record, noteId: read.text('noteId') ?? eventId, ...present({ body: read.text('body') }) } };
    case 'CommentDeleted': {
      const commentId = read.requiredText('commentId');
      return commentId === undefined ? undefined : { type, data: { ...record, commentId } };
    }
    case 'NoteDeleted': {
      const noteId = read.requiredText('noteId');
      return noteId === undefined ? undefined : { type, data: { ...record, noteId } };
    }
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}
