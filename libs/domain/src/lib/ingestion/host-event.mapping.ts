import { type IngestEventType, parseRecordEventType, type RecordLifecycleEventType, resolveIngestAction } from '@trailmark/contracts';
import { mapActivity } from './activity.mapping';
import { mapAnnotation } from './annotation.mapping';
import { mapDataExport, mapPageView } from './browsing.mapping';
import { mapFileAction } from './file.mapping';
import type { HostEventInput, HostEventMapping, MappedHostEvent } from './host-event';
import { type HostEventReader, hostEventReader } from './host-event-reader';
import { mapRecordAction } from './record.mapping';
import { mapSignIn } from './sign-in.mapping';

/**
 * Turns one host event into the domain event it stands for and the stream it
 * belongs to, or lists what is malformed in it. Known actions become their
 * domain events (`ticket.assigned` → `TicketAssigned`); any other action is
 * kept as `ActivityRecorded`. Nothing is folded: the facts are kept as reported.
 */
export function mapHostEvent(input: HostEventInput): HostEventMapping {
  const read = hostEventReader(input.event);
  const mapped = mapByAction(input, read);
  return mapped && read.issues.length === 0 ? { ok: true, mapped } : { ok: false, issues: read.issues };
}

function mapByAction(input: HostEventInput, read: HostEventReader): MappedHostEvent | undefined {
  const resolution = resolveIngestAction(input.event.action);
  if (!resolution.known) return mapActivity(input, read);
  const type = resolution.eventType;
  if (isRecordLifecycleEventType(type)) return mapRecordAction(input, type, read);
  switch (type) {
    case 'CommentAdded':
    case 'CommentDeleted':
    case 'NoteAdded':
    case 'NoteDeleted':
      return mapAnnotation(input, type, read);
    case 'FileUploaded':
    case 'FileDownloaded':
    case 'FileDeleted':
    case 'FileAttached':
      return mapFileAction(input, type, read);
    case 'PageViewed':
      return mapPageView(input, read);
    case 'DataExported':
      return mapDataExport(input, read);
    case 'SignedIn':
    case 'SignInFailed':
    case 'SignedOut':
      return mapSignIn(input, type, read);
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

function isRecordLifecycleEventType(type: IngestEventType): type is RecordLifecycleEventType {
  return parseRecordEventType(type) !== undefined;
}
