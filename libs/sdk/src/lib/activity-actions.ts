import type { IngestEvent } from '@trailmark/contracts';
import { type ActorRef, actionSpec, type CommonInput, present } from './action-spec';

/** Any host record, of a type Trailmark tracks or not. */
export interface RelatedRecord {
  type: string;
  id: string;
  name?: string;
}

export interface FileRef {
  id: string;
  name?: string;
}

export type CommentInput = CommonInput & { record: RelatedRecord; commentId?: string; body?: string };
export type NoteInput = CommonInput & { record: RelatedRecord; noteId?: string; body?: string };
export type FileInput = CommonInput & { file: FileRef };
export type FileUploadInput = FileInput & { contentType?: string; sizeBytes?: number };
export type FileAttachInput = FileInput & { record: RelatedRecord };
export type PageViewInput = CommonInput & { url: string; title?: string; record?: RelatedRecord };
export type DataExportInput = CommonInput & { dataset: string; exportId?: string; format?: string; rowCount?: number; filters?: Record<string, unknown> };
export type SignInInput = CommonInput & { ip: string; userAgent?: string; sessionId?: string };
export type SignInFailedInput = CommonInput & { ip: string; userAgent?: string; reason: string; email?: string };
export type SignOutInput = CommonInput & { sessionId?: string };

type Target = NonNullable<IngestEvent['target']>;

const recordTarget = (record: RelatedRecord): Target => ({ type: record.type, id: record.id, ...present({ name: record.name }) });
const fileTarget = (file: FileRef): Target => ({ type: 'file', id: file.id, ...present({ name: file.name }) });
/** Sign-ins are about the account itself. */
const accountTarget = (actor: ActorRef): Target => ({ type: 'user', id: actor.id, name: actor.name });

/** Comments, notes, files, page views, exports and sign-ins: one spec per action of the contracts' map. */
export const ACTIVITY_ACTION_SPECS = {
  comments: {
    added: actionSpec<CommentInput>('comment.added', ({ record, commentId, body }) => ({ target: recordTarget(record), details: present({ commentId, body }) })),
    deleted: actionSpec<CommentInput & { commentId: string }>('comment.deleted', ({ record, commentId }) => ({ target: recordTarget(record), details: { commentId } })),
  },
  notes: {
    added: actionSpec<NoteInput>('note.added', ({ record, noteId, body }) => ({ target: recordTarget(record), details: present({ noteId, body }) })),
    deleted: actionSpec<NoteInput & { noteId: string }>('note.deleted', ({ record, noteId }) => ({ target: recordTarget(record), details: { noteId } })),
  },
  files: {
    uploaded: actionSpec<FileUploadInput>('file.uploaded', ({ file, contentType, sizeBytes }) => ({
      target: fileTarget(file),
      details: present({ contentType, sizeBytes }),
    })),
    downloaded: actionSpec<FileInput>('file.downloaded', ({ file }) => ({ target: fileTarget(file) })),
    deleted: actionSpec<FileInput>('file.deleted', ({ file }) => ({ target: fileTarget(file) })),
    attached: actionSpec<FileAttachInput>('file.attached', ({ file, record }) => ({
      target: fileTarget(file),
      details: { recordType: record.type, recordId: record.id, ...present({ recordName: record.name }) },
    })),
  },
  pages: {
    viewed: actionSpec<PageViewInput>('page.viewed', ({ url, title, record }) => ({
      target: { type: 'page', id: url, url, ...present({ name: title }) },
      details: record && { recordType: record.type, recordId: record.id, ...present({ recordName: record.name }) },
    })),
  },
  data: {
    exported: actionSpec<DataExportInput>('data.exported', ({ dataset, exportId, format, rowCount, filters }) => ({
      target: { type: 'dataset', id: dataset },
      details: present({ exportId, format, rowCount, filters }),
    })),
  },
  auth: {
    signedIn: actionSpec<SignInInput>('user.signed_in', ({ actor, sessionId }) => ({ target: accountTarget(actor), details: present({ sessionId }) })),
    signInFailed: actionSpec<SignInFailedInput>('user.sign_in_failed', ({ actor, reason, email }) => ({
      target: accountTarget(actor),
      result: 'failure',
      details: present({ reason, email }),
    })),
    signedOut: actionSpec<SignOutInput>('user.signed_out', ({ actor, sessionId }) => ({ target: accountTarget(actor), details: present({ sessionId }) })),
  },
};
