import type { RecordTimelinePage } from './api-types';
import { apiGet, type QueryValues, workspacePath } from './http-client';

export const recordTimeline = (workspaceId: string, recordType: string, recordId: string, query: QueryValues) =>
  apiGet<RecordTimelinePage>(`${workspacePath(workspaceId)}/records/${encodeURIComponent(recordType)}/${encodeURIComponent(recordId)}/timeline`, query);
