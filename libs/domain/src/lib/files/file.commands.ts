import type { Command } from '../decider';

interface FileTarget {
  fileId: string;
  name?: string;
}

export type UploadFile = Command<'UploadFile', FileTarget & { contentType?: string; sizeBytes?: number }>;
export type DownloadFile = Command<'DownloadFile', FileTarget>;
export type DeleteFile = Command<'DeleteFile', FileTarget>;
export type AttachFile = Command<'AttachFile', FileTarget & { recordType: string; recordId: string }>;

export type FileCommand = UploadFile | DownloadFile | DeleteFile | AttachFile;
