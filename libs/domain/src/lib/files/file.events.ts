import type { DomainEvent } from '../decider';

/** Why a kept fact looks odd. Facts are flagged, never refused, for these. */
export type FileFlag = 'file_not_seen_uploaded' | 'file_deleted' | 'file_already_uploaded';

interface FileEventBase {
  fileId: string;
  /** The file name as the host reported it with this action. */
  name?: string;
  flags?: FileFlag[];
}

export type FileUploaded = DomainEvent<'FileUploaded', FileEventBase & { contentType?: string; sizeBytes?: number }>;
export type FileDownloaded = DomainEvent<'FileDownloaded', FileEventBase>;
export type FileDeleted = DomainEvent<'FileDeleted', FileEventBase>;
/** The record is the host's, of any type it has, not only those Trailmark tracks. */
export type FileAttached = DomainEvent<'FileAttached', FileEventBase & { recordType: string; recordId: string }>;

export type FileEvent = FileUploaded | FileDownloaded | FileDeleted | FileAttached;

// Keyed by type, so a new event type cannot be left out of the list.
const FILE_EVENTS: Record<FileEvent['type'], true> = { FileUploaded: true, FileDownloaded: true, FileDeleted: true, FileAttached: true };
export const fileEventTypes = Object.keys(FILE_EVENTS) as FileEvent['type'][];
