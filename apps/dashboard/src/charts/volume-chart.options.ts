import type { EventKind, StatsGroup, VolumeBucket } from '../api/api-types';
import { bucketLabel } from '../format/time';
import { KIND_COLOURS, KIND_NAMES, TOOLTIP } from './chart-theme';
import type { ChartOption } from './echarts-setup';

const STACKS: Array<{ kind: EventKind; field: keyof Omit<VolumeBucket, 'start'> }> = [
  { kind: 'auth', field: 'auth' },
  { kind: 'write', field: 'writes' },
  { kind: 'read', field: 'other' },
];

/** Events per hour, day or week, stacked sign-ins / writes / other. */
export function volumeChartOptions(series: readonly VolumeBucket[], group: StatsGroup): ChartOption {
  return {
    animationDuration: 300,
    tooltip: { ...TOOLTIP, trigger: 'axis' },
    legend: { bottom: 0, data: STACKS.map(({ kind }) => KIND_NAMES[kind]) },
    grid: { left: 8, right: 8, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: series.map((bucket) => bucketLabel(bucket.start, group)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: STACKS.map(({ kind, field }) => ({
      name: KIND_NAMES[kind],
      type: 'bar',
      stack: 'volume',
      itemStyle: { color: KIND_COLOURS[kind] },
      data: series.map((bucket) => bucket[field]),
    })),
  };
}

/** The chart in words, for screen readers. */
export function describeVolume(series: readonly VolumeBucket[], group: StatsGroup): string {
  const totals = series.map((bucket) => bucket.auth + bucket.writes + bucket.other);
  const sum = totals.reduce((a, b) => a + b, 0);
  if (sum === 0) return `No events in these ${series.length} ${group}s.`;
  const peak = totals.indexOf(Math.max(...totals));
  return `${sum} events over ${series.length} ${group}s; the busiest, ${bucketLabel(series[peak].start, group)}, had ${totals[peak]}.`;
}
