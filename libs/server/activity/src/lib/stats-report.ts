import { CATEGORIES } from '@trailmark/contracts';
import type { StatsGroup, StatsWindow } from './stats-window';

type Kind = 'auth' | 'write' | 'read';

/** What the reader takes from the stats tables for one window. */
export interface StatsFigures {
  series: Array<{ period: Date; kind: string; events: number }>;
  categories: Array<{ category: string; events: number }>;
  previousTotal: number;
  uniqueIps: number;
  topActors: Array<{ actorId: string; name: string; events: number; lastSeen: Date }>;
}

export interface StatsReport {
  window: { from: string; to: string; previousFrom: string; group: StatsGroup };
  kpis: {
    total: { value: number; previous: number; changePercent: number | null };
    /** auth-kind events: sign-ins, sign-outs, failed sign-ins, sessions, impersonation. */
    signIns: number;
    writes: number;
    reads: number;
    uniqueIps: number;
  };
  series: Array<{ start: string; auth: number; writes: number; other: number }>;
  split: Array<{ kind: Kind; events: number; percent: number }>;
  topActors: Array<{ id: string; name: string; initials: string; events: number; lastSeen: string }>;
  categories: Array<{ category: string; events: number }>;
}

const SERIES_FIELD = { auth: 'auth', write: 'writes', read: 'other' } as const;
const kindOf = (kind: string): Kind => (kind === 'auth' || kind === 'write' ? kind : 'read');

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** "Grace Hopper" → "GH", "Ada" → "A". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const ends = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return ends.map((word) => Array.from(word)[0].toUpperCase()).join('');
}

/** Percent change; null when there was nothing to compare with. */
export function percentChange(value: number, previous: number): number | null {
  return previous === 0 ? null : oneDecimal(((value - previous) / previous) * 100);
}

const catalogueOrder = (category: string) => {
  const index = (CATEGORIES as readonly string[]).indexOf(category);
  return index === -1 ? CATEGORIES.length : index;
};

/** The stats answer: KPI cards, the zero-filled series, the kind split, top actors and categories. */
export function statsReport(window: StatsWindow, figures: StatsFigures): StatsReport {
  const series = new Map(window.buckets.map((start) => [start.toISOString(), { start: start.toISOString(), auth: 0, writes: 0, other: 0 }]));
  const byKind: Record<Kind, number> = { auth: 0, write: 0, read: 0 };
  for (const { period, kind, events } of figures.series) {
    const bucket = series.get(period.toISOString());
    const known = kindOf(kind);
    byKind[known] += events;
    if (bucket) bucket[SERIES_FIELD[known]] += events;
  }
  const total = byKind.auth + byKind.write + byKind.read;
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString(), previousFrom: window.previousFrom.toISOString(), group: window.group },
    kpis: {
      total: { value: total, previous: figures.previousTotal, changePercent: percentChange(total, figures.previousTotal) },
      signIns: byKind.auth,
      writes: byKind.write,
      reads: byKind.read,
      uniqueIps: figures.uniqueIps,
    },
    series: [...series.values()],
    split: (['auth', 'write', 'read'] as const).map((kind) => ({ kind, events: byKind[kind], percent: total === 0 ? 0 : oneDecimal((byKind[kind] / total) * 100) })),
    topActors: figures.topActors.map(({ actorId, name, events, lastSeen }) => ({ id: actorId, name, initials: initials(name), events, lastSeen: lastSeen.toISOString() })),
    categories: figures.categories
      .filter(({ events }) => events > 0)
      .sort((a, b) => b.events - a.events || catalogueOrder(a.category) - catalogueOrder(b.category)),
  };
}
