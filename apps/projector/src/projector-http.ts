import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EventStore } from '@trailmark/event-store';
import {
  bearerMatches,
  lagMetricsText,
  lagReport,
  METRICS_CONTENT_TYPE,
  type MonitoringSettings,
  type Projection,
  type ProjectionActivity,
  projectionLags,
} from '@trailmark/projections';
import type { Pool } from 'pg';

export interface ProjectorHttpOptions {
  store: EventStore;
  pool: Pool;
  projections: readonly Projection[];
  activity: ProjectionActivity;
  settings: MonitoringSettings;
}

/** TRAILMARK_PROJECTOR_HTTP_PORT; unset, the projector opens no port. */
export function projectorHttpPort(env: NodeJS.ProcessEnv): number | undefined {
  const value = env['TRAILMARK_PROJECTOR_HTTP_PORT']?.trim();
  if (!value) return undefined;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : 0;
  if (port < 1 || port > 65535) throw new Error(`TRAILMARK_PROJECTOR_HTTP_PORT must be an integer between 1 and 65535 (got "${value}")`);
  return port;
}

/**
 * The projector's `GET /health` (JSON, 200 while the lag can be read, status
 * `degraded` when a projection lags) and `GET /metrics` (the same gauges and
 * token rule as the API's), for probes and Prometheus.
 */
export async function startProjectorHttp(options: ProjectorHttpOptions, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => void answer(options, request, response));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

async function answer({ store, pool, projections, activity, settings }: ProjectorHttpOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://projector').pathname;
  if (request.method !== 'GET' || (path !== '/health' && path !== '/metrics')) return send(response, 404, { message: 'Not found' });
  if (path === '/metrics' && settings.metricsToken && !bearerMatches(request.headers.authorization, settings.metricsToken)) {
    response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    return send(response, 401, { message: '/metrics needs the bearer token set in TRAILMARK_METRICS_TOKEN' });
  }
  try {
    const lags = await projectionLags(store, pool, projections);
    if (path === '/metrics') return send(response, 200, lagMetricsText(lags, activity));
    const reports = lags.map((lag) => lagReport(lag, settings.lagDegradedMs, activity));
    const status = reports.every((report) => report.status === 'ok') ? 'ok' : 'degraded';
    return send(response, 200, { status, lagDegradedMs: settings.lagDegradedMs, projections: reports });
  } catch {
    return send(response, 503, path === '/metrics' ? 'The projection lag could not be read\n' : { status: 'degraded', lagDegradedMs: settings.lagDegradedMs, projections: [] });
  }
}

function send(response: ServerResponse, status: number, body: string | object): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': typeof body === 'string' ? METRICS_CONTENT_TYPE : 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}
