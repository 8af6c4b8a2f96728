/** How /health and /metrics behave, in the API and in the projector alike. */
export interface MonitoringSettings {
  /** /health reports `degraded` once a projection's oldest unapplied event is older than this. */
  lagDegradedMs: number;
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export const MONITORING_SETTINGS = Symbol('MONITORING_SETTINGS');

export const DEFAULT_LAG_DEGRADED_MS = 30_000;
const MIN_TOKEN_LENGTH = 16;

/** Reads TRAILMARK_PROJECTION_LAG_DEGRADED_MS and TRAILMARK_METRICS_TOKEN; throws naming the variable, never echoing the token. */
export function monitoringSettings(env: NodeJS.ProcessEnv): MonitoringSettings {
  const threshold = env['TRAILMARK_PROJECTION_LAG_DEGRADED_MS']?.trim();
  const token = env['TRAILMARK_METRICS_TOKEN']?.trim();
  if (threshold && !/^\d{1,9}$/.test(threshold)) {
    throw new Error(`TRAILMARK_PROJECTION_LAG_DEGRADED_MS must be a whole number of milliseconds (got "${threshold}")`);
  }
  if (token && (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))) {
    throw new Error(`TRAILMARK_METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters without spaces`);
  }
  return { lagDegradedMs: threshold ? Number(threshold) : DEFAULT_LAG_DEGRADED_MS, metricsToken: token || undefined };
}
