import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { ingestRequest } from './ingest-request.schema';

/** The request body's schema, generated from the zod schema that checks it. */
export const INGEST_REQUEST_SCHEMA = z.toJSONSchema(ingestRequest, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;

export const INGEST_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['results', 'accepted', 'duplicates'],
  properties: {
    results: {
      type: 'array',
      description: 'One outcome per event, in request order',
      items: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string', description: "The event's id, or the one generated for it" },
          status: { type: 'string', enum: ['accepted', 'duplicate'] },
        },
      },
    },
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
  },
};

export const API_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      description: 'Each malformed field by its path, e.g. events.3.actor.id',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};
