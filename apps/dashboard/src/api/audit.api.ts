import type { IntegrityReport, RecordStepsPage, StreamEventsPage, VerifyBody } from './audit-types';
import { apiGet, apiPost, workspacePath } from './http-client';

const audit = (workspaceId: string) => `${workspacePath(workspaceId)}/audit`;

export const recordSteps = (workspaceId: string, recordType: string, recordId: string, fromRevision: number, limit: number) =>
  apiGet<RecordStepsPage>(`${audit(workspaceId)}/records/${encodeURIComponent(recordType)}/${encodeURIComponent(recordId)}/steps`, { fromRevision, limit });

export const streamEvents = (workspaceId: string, streamName: string, fromRevision: number, limit: number) =>
  apiGet<StreamEventsPage>(`${audit(workspaceId)}/streams/${encodeURIComponent(streamName)}/events`, { fromRevision, limit });

export const verifyIntegrity = (workspaceId: string, body: VerifyBody) => apiPost<IntegrityReport>(`${audit(workspaceId)}/verify`, body);
