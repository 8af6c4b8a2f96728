import type { FileEvent } from './file.events';

export interface FileState {
  lifecycle: 'not_seen' | 'active' | 'deleted';
}

export const initialFileState = (): FileState => ({ lifecycle: 'not_seen' });

export function evolveFile(state: FileState, event: FileEvent): FileState {
  const { type } = event;
  switch (type) {
    case 'FileUploaded':
      return { lifecycle: 'active' };
    case 'FileDeleted':
      return { lifecycle: 'deleted' };
    case 'FileDownloaded':
    case 'FileAttached':
      return state;
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}
