export { createTrailmarkClient, type ShutdownOptions, type TrailmarkClient, type TrailmarkClientStats } from './lib/trailmark-client';
export { DEFAULT_RETRY, type TrailmarkClientOptions } from './lib/client-options';
export type { RetryPolicy } from './lib/backoff';
export {
  type DeliveryFailureKind,
  TrailmarkClosedError,
  TrailmarkDeliveryError,
  TrailmarkInvalidEventError,
  TrailmarkQueueFullError,
} from './lib/errors';
export { ingestEventIssues } from './lib/event-shape';
export { installShutdownHooks, type ShutdownHookOptions } from './lib/shutdown-hooks';
export { ingestEvents, TYPED_ACTION_SPECS, type TypedActions } from './lib/typed-actions';
export type { ActorRef, CommonInput } from './lib/action-spec';
export type { Assignee, RecordActionInput, RecordRef } from './lib/record-actions';
export type {
  CommentInput,
  DataExportInput,
  FileAttachInput,
  FileInput,
  FileRef,
  FileUploadInput,
  NoteInput,
  PageViewInput,
  RelatedRecord,
  SignInFailedInput,
  SignInInput,
  SignOutInput,
} from './lib/activity-actions';
export { createPageViewHandler, type PageViewHandler, type PageViewHandlerOptions } from './browser/page-view-handler';
export { DEFAULT_PAGE_VIEW_ENDPOINT, pageViewSnippet, type PageViewSnippetOptions } from './browser/page-view-snippet';
