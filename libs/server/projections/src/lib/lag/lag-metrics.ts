import type { ProjectionActivity } from './projection-activity';
import { LAG_SCAN_LIMIT, type ProjectionLag } from './projection-lag';

/** Prometheus text exposition format 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Gauge {
  name: string;
  help: string;
  value: (lag: ProjectionLag) => number;
}

/**
 * The lag gauges in the Prometheus text format, one sample per projection.
 * Written by hand: three gauges do not justify a metrics client. The activity
 * gauge is left out where this process cannot know it.
 */
export function lagMetricsText(lags: readonly ProjectionLag[], activity?: ProjectionActivity): string {
  const gauges: Gauge[] = [
    { name: 'trailmark_projection_lag_ms', help: 'Age in milliseconds of the oldest event the projection has not applied yet (0 when caught up).', value: (lag) => lag.lagMs },
    {
      name: 'trailmark_projection_lag_events',
      help: `Events the projection has not applied yet, counted up to ${LAG_SCAN_LIMIT}.`,
      value: (lag) => lag.eventsBehind,
    },
  ];
  if (activity) {
    gauges.push({
      name: 'trailmark_projection_active',
      help: '1 while this process holds the projection\'s lock and applies its events, 0 while it stands by.',
      value: (lag) => (activity.isActive(lag.projection) ? 1 : 0),
    });
  }
  return gauges.map((gauge) => gaugeText(gauge, lags)).join('');
}

function gaugeText({ name, help, value }: Gauge, lags: readonly ProjectionLag[]): string {
  const samples = lags.map((lag) => `${name}{projection="${escapeLabel(lag.projection)}"} ${value(lag)}\n`);
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${samples.join('')}`;
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}
