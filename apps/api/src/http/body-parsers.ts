import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { INGEST_PATH, ingestJsonParser } from '@trailmark/ingestion';
import { toClientError } from './http-error';

export const JSON_BODY_LIMIT = '100kb';

/**
 * JSON and form parsers, followed by a handler that turns their failures into
 * 400/413 HTTP exceptions for the error filter. Such requests never reach the
 * request logger (it runs after the parsers), so they are logged here.
 * Requires the application to be created with `bodyParser: false`.
 */
export function useBodyParsers(app: NestExpressApplication, logger: Logger): void {
  // Ingestion batches of 1,000 events need more room than the rest of the API.
  app.use(INGEST_PATH, ingestJsonParser());
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: true, limit: JSON_BODY_LIMIT });
  app.use((error: unknown, request: Request, _response: Response, next: NextFunction) => {
    const clientError = toClientError(error);
    if (clientError) {
      logger.warn({ req: { method: request.method, url: request.originalUrl } }, clientError.message);
    }
    next(clientError ?? error);
  });
}
