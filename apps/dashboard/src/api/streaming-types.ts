/** Shapes of the `/api/workspaces/:ws/streaming/destinations` answers. */
export interface DeliveryProgress {
  position: string | null;
  deliveredEvents: number;
  lastSuccessAt: string | null;
  lastError: { at: string; statusCode: number | null; error: string | null } | null;
  failing: boolean;
}

export interface StreamingDestination {
  destinationId: string;
  workspaceId: string;
  name: string;
  url: string;
  categories: string[];
  eventTypes: string[];
  batchSize: number;
  status: 'active' | 'paused';
  createdAt: string;
  delivery: DeliveryProgress;
  pendingEvents: number;
}

export interface DestinationInput {
  name: string;
  url: string;
  categories?: string[];
  eventTypes?: string[];
  batchSize?: number;
}

export interface DeliveryLogEntry {
  seq: number;
  deliveryId: string;
  attempt: number;
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  firstPosition: string;
  lastPosition: string;
  eventCount: number;
  durationMs: number;
  nextRetryAt: string | null;
  attemptedAt: string;
}

export interface DeliveryLogPage {
  items: DeliveryLogEntry[];
  nextCursor: string | null;
}

export interface TestResult {
  statusCode: number | null;
  succeeded: boolean;
  error: string | null;
  durationMs: number;
}
