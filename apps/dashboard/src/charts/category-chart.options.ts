import type { StatsReport } from '../api/api-types';
import { CATEGORY_COLOUR, TOOLTIP } from './chart-theme';
import type { ChartOption } from './echarts-setup';

type Categories = StatsReport['categories'];

/** Categories with events, largest at the top; empty ones are left out. */
export function shownCategories(categories: Categories): Categories {
  return categories.filter(({ events }) => events > 0).sort((a, b) => b.events - a.events);
}

export function categoryChartOptions(categories: Categories): ChartOption {
  const shown = [...shownCategories(categories)].reverse();
  return {
    animationDuration: 300,
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map(({ category }) => category) },
    series: [{ name: 'Events', type: 'bar', itemStyle: { color: CATEGORY_COLOUR }, barMaxWidth: 18, data: shown.map(({ events }) => events) }],
  };
}

export function describeCategories(categories: Categories): string {
  const shown = shownCategories(categories);
  return shown.length === 0 ? 'No events in any category.' : shown.map(({ category, events }) => `${category}: ${events}`).join(', ');
}
