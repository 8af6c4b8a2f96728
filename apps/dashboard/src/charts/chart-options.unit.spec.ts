import { statsReport } from '../stores/stats-report.fixture';
import { categoryChartOptions, describeCategories, shownCategories } from './category-chart.options';
import { describeSplit, splitChartOptions } from './split-chart.options';
import { describeVolume, volumeChartOptions } from './volume-chart.options';

const report = statsReport();

describe('the volume chart', () => {
  it('stacks sign-ins, writes and other per bucket, labelled by the grouping', () => {
    const option = volumeChartOptions(report.series, 'day');
    expect(option.xAxis).toEqual({ type: 'category', data: ['8 Mar', '9 Mar'] });
    expect(option.series).toEqual([
      { name: 'Sign-ins', type: 'bar', stack: 'volume', itemStyle: { color: '#2563eb' }, data: [10, 20] },
      { name: 'Writes', type: 'bar', stack: 'volume', itemStyle: { color: '#059669' }, data: [40, 60] },
      { name: 'Reads and other', type: 'bar', stack: 'volume', itemStyle: { color: '#d97706' }, data: [5, 15] },
    ]);
    expect(option.tooltip).toEqual({ renderMode: 'richText', confine: true, trigger: 'axis' });
  });

  it('labels hours and weeks', () => {
    const hours = volumeChartOptions([{ start: '2026-03-09T07:00:00.000Z', auth: 1, writes: 0, other: 0 }], 'hour');
    const weeks = volumeChartOptions([{ start: '2026-03-02T00:00:00.000Z', auth: 1, writes: 0, other: 0 }], 'week');
    expect([hours.xAxis, weeks.xAxis]).toEqual([
      { type: 'category', data: ['07:00'] },
      { type: 'category', data: ['week of 2 Mar'] },
    ]);
  });

  it('describes itself for screen readers', () => {
    expect(describeVolume(report.series, 'day')).toBe('150 events over 2 days; the busiest, 9 Mar, had 95.');
    expect(describeVolume([{ start: '2026-03-09T07:00:00.000Z', auth: 0, writes: 0, other: 0 }], 'hour')).toBe('No events in these 1 hours.');
  });
});

describe('the split donut', () => {
  it('shows each kind with its colour', () => {
    const option = splitChartOptions(report.split);
    expect(option.series).toEqual([
      expect.objectContaining({
        type: 'pie',
        radius: ['52%', '78%'],
        data: [
          { name: 'Sign-ins', value: 200, itemStyle: { color: '#2563eb' } },
          { name: 'Writes', value: 800, itemStyle: { color: '#059669' } },
          { name: 'Reads and other', value: 250, itemStyle: { color: '#d97706' } },
        ],
      }),
    ]);
    expect(describeSplit(report.split)).toBe('Sign-ins: 200 (16%), Writes: 800 (64%), Reads and other: 250 (20%)');
  });
});

describe('the category bars', () => {
  it('drops empty categories and puts the largest at the top', () => {
    expect(shownCategories(report.categories).map(({ category }) => category)).toEqual(['Records', 'Inbox', 'Auth']);
    const option = categoryChartOptions(report.categories);
    expect(option.yAxis).toEqual({ type: 'category', data: ['Auth', 'Inbox', 'Records'] });
    expect(option.series).toEqual([{ name: 'Events', type: 'bar', itemStyle: { color: '#4f46e5' }, barMaxWidth: 18, data: [200, 350, 700] }]);
    expect(describeCategories(report.categories)).toBe('Records: 700, Inbox: 350, Auth: 200');
    expect(describeCategories([{ category: 'Auth', events: 0 }])).toBe('No events in any category.');
  });
});
