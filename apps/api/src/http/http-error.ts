import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { statusOfDomainError } from '@trailmark/auth';
import { DomainError } from '@trailmark/domain';

/** Body of every error response: the shape Nest uses for its own exceptions. */
export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** Each bad field by its path, when the request body failed validation. */
  issues?: Array<{ path: string; message: string }>;
  /** A stable code for the refused business rule. */
  code?: string;
}

/** What express and body-parser attach to the errors they raise (http-errors). */
interface ExpressError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
  message?: string;
}

/**
 * The client error an exception stands for, or undefined when it is not one.
 * Malformed JSON, oversized bodies and undecodable URLs are the client's
 * mistake and must never surface as 500.
 */
export function toClientError(exception: unknown): HttpException | undefined {
  if (exception instanceof HttpException) {
    return exception.getStatus() < 500 ? exception : undefined;
  }
  // A business rule refused the request (often after a race with another request).
  if (exception instanceof DomainError) {
    const status = statusOfDomainError(exception);
    return new HttpException({ message: exception.message, code: exception.code, error: STATUS_CODES[status] }, status);
  }
  const error = (typeof exception === 'object' && exception !== null ? exception : {}) as ExpressError;
  if (error.type === 'entity.parse.failed') {
    return new HttpException(`Request body is not valid JSON: ${error.message}`, HttpStatus.BAD_REQUEST);
  }
  if (error.type === 'entity.too.large') {
    return new HttpException(`Request body is larger than the limit of ${error.limit} bytes`, HttpStatus.PAYLOAD_TOO_LARGE);
  }
  const status = error.status ?? error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpException(error.message || (STATUS_CODES[status] ?? 'Bad request'), status);
  }
  return undefined;
}

/** Response body for any exception; server errors reveal nothing of their cause. */
export function toHttpErrorBody(exception: unknown): HttpErrorBody {
  const known = exception instanceof HttpException ? exception : toClientError(exception);
  if (!known) {
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
  const status = known.getStatus();
  const response = known.getResponse();
  if (typeof response === 'string') {
    return body(status, response);
  }
  const { message, error, issues, code } = response as Partial<HttpErrorBody>;
  return { ...body(status, message ?? known.message), ...(error ? { error } : {}), ...(issues ? { issues } : {}), ...(code ? { code } : {}) };
}

function body(statusCode: number, message: string | string[]): HttpErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
