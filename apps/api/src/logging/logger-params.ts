import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Logger, LevelWithSilent } from 'pino';

/** nestjs-pino wiring: one log line per request, its level from the outcome. */
export function loggerParams(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      customLogLevel: requestLogLevel,
    },
  };
}

export function requestLogLevel(_req: IncomingMessage, res: ServerResponse, error?: Error): LevelWithSilent {
  if (error || res.statusCode >= 500) {
    return 'error';
  }
  return res.statusCode >= 400 ? 'warn' : 'info';
}
