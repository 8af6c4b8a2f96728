import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { LiveIoAdapter } from '@trailmark/live';
import { AppModule, type AppModuleOptions } from './app.module';
import { serveDashboard } from './dashboard/serve-dashboard';
import { useBodyParsers } from './http/body-parsers';
import { HttpErrorFilter } from './http/http-error.filter';
import { setUpSwagger } from './http/swagger';

/** The configured Nest application, not yet listening: shared by `main` and the end-to-end tests. */
export async function createApp(options: AppModuleOptions & { logger: Logger }): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(NestPinoLogger));
  app.set('trust proxy', 'loopback');
  app.use(cookieParser());
  useBodyParsers(app, options.logger);
  serveDashboard(app, options.logger);
  app.useGlobalFilters(new HttpErrorFilter());
  app.useWebSocketAdapter(new LiveIoAdapter(app, options.live?.redis?.adapter));
  setUpSwagger(app, options.info.version);
  return app;
}
