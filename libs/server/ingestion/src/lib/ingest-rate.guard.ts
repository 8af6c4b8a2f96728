import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { IngestRateLimiter } from './ingest-rate-limiter';
import type { IngestionRequest } from './ingestion-request';

/** Per API key request and event rates; runs after `ApiKeyGuard`. Over the rate: 429 with `Retry-After`. */
@Injectable()
export class IngestRateGuard implements CanActivate {
  constructor(private readonly limiter: IngestRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<IngestionRequest>();
    if (!request.apiKey) throw new Error('IngestRateGuard needs ApiKeyGuard before it');
    const events = (request.body as { events?: unknown } | undefined)?.events;
    const waitSeconds = this.limiter.take(request.apiKey.apiKeyId, Array.isArray(events) ? events.length : 0);
    if (waitSeconds > 0) {
      http.getResponse<Response>().setHeader('Retry-After', String(Math.ceil(waitSeconds)));
      throw new HttpException('Rate limit exceeded for this API key; retry after the time in Retry-After', HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }
}
