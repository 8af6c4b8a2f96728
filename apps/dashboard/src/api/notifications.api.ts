import { apiGet, apiPost, request, workspacePath } from './http-client';
import type { AlertRule, AlertRuleInput, NotificationsPage, ReadResult } from './notifications-types';

const rules = (workspaceId: string) => `${workspacePath(workspaceId)}/alert-rules`;
const rule = (workspaceId: string, ruleId: string) => `${rules(workspaceId)}/${encodeURIComponent(ruleId)}`;
const notifications = (workspaceId: string) => `${workspacePath(workspaceId)}/notifications`;

export const listRules = (workspaceId: string) => apiGet<AlertRule[]>(rules(workspaceId));
export const createRule = (workspaceId: string, input: AlertRuleInput) => apiPost<AlertRule>(rules(workspaceId), input);
export const updateRule = (workspaceId: string, ruleId: string, input: AlertRuleInput) => request<AlertRule>('PUT', rule(workspaceId, ruleId), input);
export const setRuleEnabled = (workspaceId: string, ruleId: string, enabled: boolean) => apiPost<AlertRule>(`${rule(workspaceId, ruleId)}/${enabled ? 'enable' : 'disable'}`);
export const deleteRule = (workspaceId: string, ruleId: string) => request<void>('DELETE', rule(workspaceId, ruleId));

export const listNotifications = (workspaceId: string, cursor?: string) => apiGet<NotificationsPage>(notifications(workspaceId), { limit: 20, cursor });
export const markRead = (workspaceId: string, notificationId: string) => apiPost<ReadResult>(`${notifications(workspaceId)}/${encodeURIComponent(notificationId)}/read`);
export const markAllRead = (workspaceId: string) => apiPost<ReadResult>(`${notifications(workspaceId)}/read-all`);
