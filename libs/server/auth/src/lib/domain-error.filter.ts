import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { DomainError } from '@trailmark/domain';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

const STATUS_BY_CODE: Readonly<Record<string, HttpStatus>> = {
  session_not_found: HttpStatus.UNAUTHORIZED,
  account_not_found: HttpStatus.NOT_FOUND,
  workspace_not_found: HttpStatus.NOT_FOUND,
  invitation_not_found: HttpStatus.NOT_FOUND,
  account_already_registered: HttpStatus.CONFLICT,
  already_member: HttpStatus.CONFLICT,
  member_not_found: HttpStatus.NOT_FOUND,
  team_not_found: HttpStatus.NOT_FOUND,
  not_team_member: HttpStatus.NOT_FOUND,
  group_not_found: HttpStatus.NOT_FOUND,
  not_group_member: HttpStatus.NOT_FOUND,
  not_nested: HttpStatus.NOT_FOUND,
  grant_not_found: HttpStatus.NOT_FOUND,
  api_key_not_found: HttpStatus.NOT_FOUND,
  webhook_not_found: HttpStatus.NOT_FOUND,
  cannot_impersonate_self: HttpStatus.BAD_REQUEST,
  owner_role_requires_owner: HttpStatus.FORBIDDEN,
};

export function statusOfDomainError(error: DomainError): HttpStatus {
  return STATUS_BY_CODE[error.code] ?? HttpStatus.CONFLICT;
}

/**
 * A decider's refusal that slipped past the routes' own checks (usually a
 * race with another request) is the client's problem, not a 500; any other
 * business rule refused is a conflict with the current state.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const statusCode = statusOfDomainError(error);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(statusCode)
      .json({ statusCode, error: STATUS_CODES[statusCode], message: error.message, code: error.code });
  }
}
