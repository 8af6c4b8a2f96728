import { json, type RequestHandler } from 'express';

export const INGEST_PATH = '/v1/events';

/** A thousand events with their details: far above the API's general JSON limit. */
export const INGEST_BODY_LIMIT = '5mb';

/**
 * The JSON parser for `INGEST_PATH`. Install it before the application's
 * general JSON parser (`app.use(INGEST_PATH, ingestJsonParser())`): a body
 * parsed here is skipped by the parsers after it.
 */
export function ingestJsonParser(): RequestHandler {
  return json({ limit: INGEST_BODY_LIMIT });
}
