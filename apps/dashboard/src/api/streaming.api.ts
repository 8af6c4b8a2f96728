import { apiGet, apiPost, request, workspacePath } from './http-client';
import type { DeliveryLogPage, DestinationInput, StreamingDestination, TestResult } from './streaming-types';

const destinations = (workspaceId: string) => `${workspacePath(workspaceId)}/streaming/destinations`;
const destination = (workspaceId: string, id: string) => `${destinations(workspaceId)}/${encodeURIComponent(id)}`;

export const listDestinations = (workspaceId: string) => apiGet<StreamingDestination[]>(destinations(workspaceId));
export const createDestination = (workspaceId: string, input: DestinationInput) => apiPost<StreamingDestination & { secret: string }>(destinations(workspaceId), input);
export const pauseDestination = (workspaceId: string, id: string) => apiPost<StreamingDestination>(`${destination(workspaceId, id)}/pause`);
export const resumeDestination = (workspaceId: string, id: string) => apiPost<StreamingDestination>(`${destination(workspaceId, id)}/resume`);
export const rotateSecret = (workspaceId: string, id: string) => apiPost<{ destinationId: string; secret: string }>(`${destination(workspaceId, id)}/rotate-secret`);
export const testDestination = (workspaceId: string, id: string) => apiPost<TestResult>(`${destination(workspaceId, id)}/test`);
export const deleteDestination = (workspaceId: string, id: string) => request<void>('DELETE', destination(workspaceId, id));
export const deliveryLog = (workspaceId: string, id: string, cursor?: string) =>
  apiGet<DeliveryLogPage>(`${destination(workspaceId, id)}/deliveries`, { limit: 50, cursor });
