import type { Request } from 'express';

/** What the ingestion middleware and guards attach to a request. */
export interface IngestionRequest extends Request {
  /** One per request: the events' correlation id and the `X-Request-Id` header. */
  requestId?: string;
  apiKey?: { apiKeyId: string; workspaceId: string };
}
