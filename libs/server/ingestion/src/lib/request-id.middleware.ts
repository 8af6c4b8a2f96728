import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { IngestionRequest } from './ingestion-request';

/** Gives each request its id before the guards run, so errors carry `X-Request-Id` too. */
export function assignRequestId(request: IngestionRequest, response: Response, next: NextFunction): void {
  request.requestId = randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}
