import type { SessionView } from './api-types';
import { apiGet, apiPost, request } from './http-client';

export const signIn = (email: string, password: string) => apiPost<SessionView>('/api/auth/login', { email, password });
export const signOut = () => request<void>('POST', '/api/auth/logout');
export const currentSession = () => apiGet<SessionView>('/api/auth/me');
export const switchWorkspace = (workspaceId: string) => apiPost<SessionView>('/api/auth/switch-workspace', { workspaceId });
