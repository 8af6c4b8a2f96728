import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { bearerMatches, MONITORING_SETTINGS, type MonitoringSettings } from '@trailmark/projections';
import type { Request, Response } from 'express';

/** Open when TRAILMARK_METRICS_TOKEN is unset; otherwise only that bearer token may scrape. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(MONITORING_SETTINGS) private readonly settings: MonitoringSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.settings.metricsToken;
    if (!token) return true;
    const http = context.switchToHttp();
    if (bearerMatches(http.getRequest<Request>().headers.authorization, token)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedException('/metrics needs the bearer token set in TRAILMARK_METRICS_TOKEN');
  }
}
