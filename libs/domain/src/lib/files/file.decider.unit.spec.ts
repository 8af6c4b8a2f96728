import { deciderSpec, fixedContext } from '../decider-spec';
import type { FileCommand } from './file.commands';
import { fileDecider } from './file.decide';
import type { FileEvent } from './file.events';

const given = (events: FileEvent[]) => deciderSpec(fileDecider, fixedContext()).given(events);

const fileId = 'file-1';
const uploaded: FileEvent = { type: 'FileUploaded', data: { fileId, name: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 2048 } };
const deleted: FileEvent = { type: 'FileDeleted', data: { fileId } };

describe('file decider', () => {
  describe('UploadFile', () => {
    it('records the upload with what the host told about the file', () => {
      given([])
        .when({ type: 'UploadFile', data: { fileId, name: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 2048 } })
        .then([uploaded]);
    });

    it('records an upload with nothing but an id', () => {
      given([]).when({ type: 'UploadFile', data: { fileId } }).then([{ type: 'FileUploaded', data: { fileId } }]);
    });

    it('keeps a second upload, flagged', () => {
      given([uploaded])
        .when({ type: 'UploadFile', data: { fileId } })
        .then([{ type: 'FileUploaded', data: { fileId, flags: ['file_already_uploaded'] } }]);
    });

    it('keeps an upload after deletion, flagged', () => {
      given([uploaded, deleted])
        .when({ type: 'UploadFile', data: { fileId } })
        .then([{ type: 'FileUploaded', data: { fileId, flags: ['file_deleted'] } }]);
    });

    it.each([-1, 1.5, Number.NaN])('refuses a file size of %s', (sizeBytes) => {
      given([]).when({ type: 'UploadFile', data: { fileId, sizeBytes } }).thenThrows('file_size_invalid');
    });

    it('refuses an upload without a file id', () => {
      given([]).when({ type: 'UploadFile', data: { fileId: '' } }).thenThrows('file_id_required');
    });
  });

  describe('DownloadFile', () => {
    it('records the download', () => {
      given([uploaded])
        .when({ type: 'DownloadFile', data: { fileId, name: 'invoice.pdf' } })
        .then([{ type: 'FileDownloaded', data: { fileId, name: 'invoice.pdf' } }]);
    });

    it('keeps a download of a file never seen uploaded, flagged', () => {
      given([])
        .when({ type: 'DownloadFile', data: { fileId } })
        .then([{ type: 'FileDownloaded', data: { fileId, flags: ['file_not_seen_uploaded'] } }]);
    });

    it('keeps a download of a deleted file, flagged', () => {
      given([uploaded, deleted])
        .when({ type: 'DownloadFile', data: { fileId } })
        .then([{ type: 'FileDownloaded', data: { fileId, flags: ['file_deleted'] } }]);
    });

    it('refuses a download without a file id', () => {
      given([uploaded]).when({ type: 'DownloadFile', data: { fileId: ' ' } }).thenThrows('file_id_required');
    });
  });

  describe('DeleteFile', () => {
    it('records the deletion', () => {
      given([uploaded]).when({ type: 'DeleteFile', data: { fileId } }).then([deleted]);
    });

    it('keeps a second deletion, flagged', () => {
      given([uploaded, deleted])
        .when({ type: 'DeleteFile', data: { fileId } })
        .then([{ type: 'FileDeleted', data: { fileId, flags: ['file_deleted'] } }]);
    });

    it('refuses a deletion without a file id', () => {
      given([uploaded]).when({ type: 'DeleteFile', data: { fileId: '' } }).thenThrows('file_id_required');
    });
  });

  describe('AttachFile', () => {
    const ticket = { recordType: 'ticket', recordId: 'tck-1' };

    it('records the attachment to a record', () => {
      given([uploaded]).when({ type: 'AttachFile', data: { fileId, ...ticket } }).then([{ type: 'FileAttached', data: { fileId, ...ticket } }]);
    });

    it('keeps an attachment to a record type Trailmark does not track', () => {
      given([uploaded])
        .when({ type: 'AttachFile', data: { fileId, name: 'invoice.pdf', recordType: 'invoice', recordId: 'inv-7' } })
        .then([{ type: 'FileAttached', data: { fileId, name: 'invoice.pdf', recordType: 'invoice', recordId: 'inv-7' } }]);
    });

    it('keeps an attachment of a file never seen uploaded, flagged', () => {
      given([])
        .when({ type: 'AttachFile', data: { fileId, ...ticket } })
        .then([{ type: 'FileAttached', data: { fileId, ...ticket, flags: ['file_not_seen_uploaded'] } }]);
    });

    it('refuses an attachment without its record', () => {
      given([uploaded]).when({ type: 'AttachFile', data: { fileId, recordType: '', recordId: 'tck-1' } }).thenThrows('record_type_required');
      given([uploaded]).when({ type: 'AttachFile', data: { fileId, recordType: 'ticket', recordId: '' } }).thenThrows('record_id_required');
    });
  });

  it('refuses an unknown command', () => {
    given([]).when({ type: 'RenameFile', data: { fileId } } as unknown as FileCommand).thenThrows('unknown_command');
  });
});
