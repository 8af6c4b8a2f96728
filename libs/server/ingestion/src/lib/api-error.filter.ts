import { type ArgumentsHost, BadRequestException, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { ApiErrorBody } from '@trailmark/contracts';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { RequestIssue } from './ingest-request.schema';

const MAX_ISSUES = 100;

/** A request refused for malformed input: every bad field by its path. */
export class IngestValidationException extends BadRequestException {
  constructor(readonly issues: RequestIssue[]) {
    super(`Invalid request: ${summary(issues)}`);
  }
}

function summary(issues: RequestIssue[]): string {
  const shown = issues.slice(0, 3).map(({ path, message }) => `${path}: ${message}`).join('; ');
  return issues.length > 3 ? `${shown}; and ${issues.length - 3} more` : shown;
}

/**
 * Answers the ingestion API's HTTP errors with `ApiErrorBody`, issues included.
 * Anything else goes on to the application's filter.
 */
@Catch(HttpException)
export class ApiErrorFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const statusCode = exception.getStatus();
    const body: ApiErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: messageOf(exception) };
    if (exception instanceof IngestValidationException) body.issues = exception.issues.slice(0, MAX_ISSUES);
    if (statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="trailmark"');
    response.status(statusCode).json(body);
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
