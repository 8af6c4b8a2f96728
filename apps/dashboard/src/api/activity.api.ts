import type { ActivityDetail, ActivityFacets, ActivityPage } from './api-types';
import { apiGet, type QueryValues, queryString, workspacePath } from './http-client';

export const listActivity = (workspaceId: string, query: QueryValues) => apiGet<ActivityPage>(`${workspacePath(workspaceId)}/activity`, query);
export const activityFacets = (workspaceId: string, query: QueryValues) => apiGet<ActivityFacets>(`${workspacePath(workspaceId)}/activity/facets`, query);
export const activityDetail = (workspaceId: string, eventId: string) =>
  apiGet<ActivityDetail>(`${workspacePath(workspaceId)}/activity/${encodeURIComponent(eventId)}`);
/** A same-origin link: the browser downloads the attachment with the session cookie. */
export const activityExportUrl = (workspaceId: string, query: QueryValues) => `${workspacePath(workspaceId)}/activity/export.csv${queryString(query)}`;

export const listAuditLog = (workspaceId: string, query: QueryValues) => apiGet<ActivityPage>(`${workspacePath(workspaceId)}/audit-log`, query);
export const auditLogFacets = (workspaceId: string, query: QueryValues) => apiGet<ActivityFacets>(`${workspacePath(workspaceId)}/audit-log/facets`, query);
