import { type Decider, DomainError } from '../decider';
import { flagged, present, requireText } from '../activity/host-values';
import type { AttachFile, DeleteFile, DownloadFile, FileCommand, UploadFile } from './file.commands';
import type { FileAttached, FileDeleted, FileDownloaded, FileEvent, FileFlag, FileUploaded } from './file.events';
import { evolveFile, type FileState, initialFileState } from './file.state';

const UPLOAD_FLAGS: Record<FileState['lifecycle'], FileFlag[]> = {
  not_seen: [],
  active: ['file_already_uploaded'],
  deleted: ['file_deleted'],
};

const USE_FLAGS: Record<FileState['lifecycle'], FileFlag[]> = {
  not_seen: ['file_not_seen_uploaded'],
  active: [],
  deleted: ['file_deleted'],
};

export function uploadFile({ data }: UploadFile, state: FileState): FileUploaded[] {
  const { sizeBytes } = data;
  if (sizeBytes !== undefined && !(Number.isInteger(sizeBytes) && sizeBytes >= 0)) {
    throw new DomainError('file_size_invalid', `File size ${sizeBytes} is not a whole number of bytes`);
  }
  const details = present({ name: data.name, contentType: data.contentType, sizeBytes });
  return [{ type: 'FileUploaded', data: { fileId: requireFileId(data.fileId), ...details, ...flagged(UPLOAD_FLAGS[state.lifecycle]) } }];
}

export function downloadFile({ data }: DownloadFile, state: FileState): FileDownloaded[] {
  const fileId = requireFileId(data.fileId);
  return [{ type: 'FileDownloaded', data: { fileId, ...present({ name: data.name }), ...flagged(USE_FLAGS[state.lifecycle]) } }];
}

export function deleteFile({ data }: DeleteFile, state: FileState): FileDeleted[] {
  const fileId = requireFileId(data.fileId);
  return [{ type: 'FileDeleted', data: { fileId, ...present({ name: data.name }), ...flagged(USE_FLAGS[state.lifecycle]) } }];
}

export function attachFile({ data }: AttachFile, state: FileState): FileAttached[] {
  const fileId = requireFileId(data.fileId);
  const recordType = requireText(data.recordType, 'record_type_required', 'The type of the record the file is attached to');
  const recordId = requireText(data.recordId, 'record_id_required', 'The id of the record the file is attached to');
  return [{ type: 'FileAttached', data: { fileId, ...present({ name: data.name }), recordType, recordId, ...flagged(USE_FLAGS[state.lifecycle]) } }];
}

export function decideFile(command: FileCommand, state: FileState): FileEvent[] {
  const { type } = command;
  switch (type) {
    case 'UploadFile':
      return uploadFile(command, state);
    case 'DownloadFile':
      return downloadFile(command, state);
    case 'DeleteFile':
      return deleteFile(command, state);
    case 'AttachFile':
      return attachFile(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const fileDecider: Decider<FileState, FileCommand, FileEvent> = {
  initialState: initialFileState,
  evolve: evolveFile,
  decide: decideFile,
};

function requireFileId(fileId: string): string {
  return requireText(fileId, 'file_id_required', 'A file id');
}
