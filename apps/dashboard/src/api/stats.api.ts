import type { StatsReport } from './api-types';
import { apiGet, type QueryValues, workspacePath } from './http-client';

export const workspaceStats = (workspaceId: string, query: QueryValues) => apiGet<StatsReport>(`${workspacePath(workspaceId)}/stats`, query);
