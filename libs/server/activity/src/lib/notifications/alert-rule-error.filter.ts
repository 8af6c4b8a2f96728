import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ALERT_RULE_INVALID_CODES, DomainError } from '@trailmark/domain';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

const STATUS: Readonly<Record<string, HttpStatus>> = {
  ...Object.fromEntries(ALERT_RULE_INVALID_CODES.map((code) => [code, HttpStatus.BAD_REQUEST])),
  alert_rule_forbidden: HttpStatus.FORBIDDEN,
  alert_rule_not_found: HttpStatus.NOT_FOUND,
};

/** A rule the decider refused: malformed (400, the message names the field), not allowed (403), not found or not yours (404). */
@Catch(DomainError)
export class AlertRuleErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const statusCode = STATUS[error.code] ?? HttpStatus.CONFLICT;
    const path = error.message.match(/^(\w+): /)?.[1];
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(statusCode)
      .json({ statusCode, error: STATUS_CODES[statusCode], message: error.message, code: error.code, ...(path ? { issues: [{ path, message: error.message.slice(path.length + 2) }] } : {}) });
  }
}
