import type { StatsReport } from '../api/api-types';

export interface KpiCard {
  key: string;
  title: string;
  value: string;
  note?: string;
  trend?: 'up' | 'down';
}

const number = new Intl.NumberFormat('en-US');

/** The five cards: total with its change against the previous window, sign-ins, writes, reads and other, unique IPs. */
export function kpiCards(report: StatsReport | null): KpiCard[] {
  const shown = (value: number | undefined) => (value === undefined ? '—' : number.format(value));
  const kpis = report?.kpis;
  const change = kpis?.total.changePercent;
  return [
    {
      key: 'total',
      title: 'Total events',
      value: shown(kpis?.total.value),
      note: !kpis ? undefined : change === null || change === undefined ? 'No events in the previous period' : `${change > 0 ? '+' : ''}${change}% on the previous period`,
      trend: change ? (change > 0 ? 'up' : 'down') : undefined,
    },
    { key: 'sign-ins', title: 'Sign-ins', value: shown(kpis?.signIns) },
    { key: 'writes', title: 'Writes', value: shown(kpis?.writes) },
    { key: 'reads', title: 'Reads and other', value: shown(kpis?.reads) },
    { key: 'unique-ips', title: 'Unique IPs', value: shown(kpis?.uniqueIps) },
  ];
}
