import type { FailedLoginsReport, InactiveReport, LoginsReport, SecuritySignalsReport, UsageReport, UserActivity } from './api-types';
import { apiGet, type QueryValues, workspacePath } from './http-client';

export const userActivity = (workspaceId: string, userId: string, query: QueryValues = {}) =>
  apiGet<UserActivity>(`${workspacePath(workspaceId)}/users/${encodeURIComponent(userId)}/activity`, query);

const report = <T>(name: string) => (workspaceId: string, query: QueryValues = {}) => apiGet<T>(`${workspacePath(workspaceId)}/reports/${name}`, query);

export const loginsReport = report<LoginsReport>('logins');
export const usageReport = report<UsageReport>('usage');
export const inactiveReport = report<InactiveReport>('inactive');
export const failedLoginsReport = report<FailedLoginsReport>('failed-logins');
export const securitySignalsReport = report<SecuritySignalsReport>('security-signals');
