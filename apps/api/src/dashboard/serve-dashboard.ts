import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { DASHBOARD_DIST, isApiPath, wantsAppShell } from './dashboard-paths';
import { setSecurityHeaders } from './security-headers';

/** Hashed file names change with their content, so they may be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built dashboard at `/`: its hashed files under /assets/, and
 * index.html for any client-side route, with security headers. Registered before Nest's routes,
 * so it steps aside for everything the API owns. Without a build it serves
 * nothing and says how to make one.
 */
export function serveDashboard(app: NestExpressApplication, logger: Logger, distDir = DASHBOARD_DIST): void {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn(`The dashboard is not built (${indexFile} is missing); run "npm run build:dashboard" to serve it at /`);
    return;
  }
  const indexHtml = readFileSync(indexFile);

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!isApiPath(request.path)) setSecurityHeaders(response, request.secure);
    next();
  });
  // Only /assets/ touches the file system, so API requests never wait for a stat.
  app.useStaticAssets(join(distDir, 'assets'), {
    prefix: '/assets',
    index: false,
    redirect: false,
    setHeaders: (response) => response.setHeader('Cache-Control', IMMUTABLE),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!wantsAppShell(request.method, request.path, request.headers.accept)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml);
  });
}
