import type { StatsReport } from '../api/api-types';
import { KIND_COLOURS, KIND_NAMES, TOOLTIP } from './chart-theme';
import type { ChartOption } from './echarts-setup';

type Split = StatsReport['split'];

/** The share of sign-ins, writes and reads as a donut. */
export function splitChartOptions(split: Split): ChartOption {
  return {
    animationDuration: 300,
    tooltip: { ...TOOLTIP, trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        name: 'Event split',
        type: 'pie',
        radius: ['52%', '78%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data: split.map(({ kind, events }) => ({ name: KIND_NAMES[kind], value: events, itemStyle: { color: KIND_COLOURS[kind] } })),
      },
    ],
  };
}

export function describeSplit(split: Split): string {
  if (split.every(({ events }) => events === 0)) return 'No events to split.';
  return split.map(({ kind, events, percent }) => `${KIND_NAMES[kind]}: ${events} (${percent}%)`).join(', ');
}
