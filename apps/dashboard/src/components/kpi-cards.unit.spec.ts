import { statsReport } from '../stores/stats-report.fixture';
import { kpiCards } from './kpi-cards';

describe('the KPI cards', () => {
  it('show the five figures, the total with its change on the previous period', () => {
    expect(kpiCards(statsReport())).toEqual([
      { key: 'total', title: 'Total events', value: '1,250', note: '+25% on the previous period', trend: 'up' },
      { key: 'sign-ins', title: 'Sign-ins', value: '200' },
      { key: 'writes', title: 'Writes', value: '800' },
      { key: 'reads', title: 'Reads and other', value: '250' },
      { key: 'unique-ips', title: 'Unique IPs', value: '14' },
    ]);
  });

  it('show a fall in red terms, no change without an earlier period, and dashes before loading', () => {
    const base = statsReport();
    const fell = kpiCards(statsReport({ kpis: { ...base.kpis, total: { value: 50, previous: 100, changePercent: -50 } } }))[0];
    expect([fell.note, fell.trend]).toEqual(['-50% on the previous period', 'down']);
    const first = kpiCards(statsReport({ kpis: { ...base.kpis, total: { value: 50, previous: 0, changePercent: null } } }))[0];
    expect([first.note, first.trend]).toEqual(['No events in the previous period', undefined]);
    expect(kpiCards(null).map((card) => [card.value, card.note])).toEqual(Array.from({ length: 5 }, () => ['—', undefined]));
  });
});
