import type { ActivityCatalogueEventType } from './catalogue/activity.catalogue';
import {
  RECORD_ACTIONS,
  RECORD_TYPES,
  type RecordAnnotationEventType,
  type RecordLifecycleEventType,
  recordEventType,
} from './catalogue/records.catalogue';

/** Identity events, owned by the identity domain. */
type AuthEventType = 'SignedIn' | 'SignInFailed' | 'SignedOut';

export type IngestEventType =
  | RecordLifecycleEventType
  | RecordAnnotationEventType
  | Exclude<ActivityCatalogueEventType, 'ActivityRecorded'>
  | AuthEventType;

export type IngestActionResolution = { eventType: IngestEventType; known: true } | { eventType: 'ActivityRecorded'; known: false };

/** `StatusChanged` → `status_changed`, the way hosts spell actions. */
function snakeCase(pascal: string): string {
  return pascal.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

const RECORD_INGEST_ACTIONS = RECORD_TYPES.flatMap((recordType) =>
  RECORD_ACTIONS[recordType].map(
    (action) => [`${recordType}.${snakeCase(action)}`, recordEventType(recordType, action) as RecordLifecycleEventType] as const,
  ),
);

/** Host action string → the domain event type it is recorded as. */
export const INGEST_ACTIONS: ReadonlyMap<string, IngestEventType> = new Map<string, IngestEventType>([
  ...RECORD_INGEST_ACTIONS,
  ['comment.added', 'CommentAdded'],
  ['comment.deleted', 'CommentDeleted'],
  ['note.added', 'NoteAdded'],
  ['note.deleted', 'NoteDeleted'],
  ['file.uploaded', 'FileUploaded'],
  ['file.downloaded', 'FileDownloaded'],
  ['file.deleted', 'FileDeleted'],
  ['file.attached', 'FileAttached'],
  ['page.viewed', 'PageViewed'],
  ['data.exported', 'DataExported'],
  ['user.signed_in', 'SignedIn'],
  ['user.sign_in_failed', 'SignInFailed'],
  ['user.signed_out', 'SignedOut'],
]);

/**
 * Any other action is still recorded, as `ActivityRecorded` with the host's
 * action string: an audit log never drops a fact.
 */
export function resolveIngestAction(action: string): IngestActionResolution {
  const eventType = INGEST_ACTIONS.get(action.trim().toLowerCase());
  return eventType ? { eventType, known: true } : { eventType: 'ActivityRecorded', known: false };
}
