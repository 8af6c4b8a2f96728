import { NotFoundException } from '@nestjs/common';

/** Tag of every audit route in the OpenAPI document. */
export const AUDIT_TAG = 'audit';

export const forbidden = (action: string) => `Your role does not allow ${action} (owners, admins and auditors have it)`;

export const BAD_QUERY = 'A query parameter is not valid; issues names each one';

export function streamNotFound(streamName: string): NotFoundException {
  return new NotFoundException(`This workspace has no stream "${streamName}"`);
}
