import type { ActivityItem } from '@trailmark/contracts';
import type { Device } from '../api/api-types';

/** "Chrome on Windows (desktop)"; what is unknown is left out. */
export function deviceText(device: Device | null | undefined): string {
  if (!device) return 'Unknown device';
  const { browser, os, type } = device;
  const main = [browser, os].filter(Boolean).join(' on ');
  if (!main) return type ? `Unknown ${type}` : 'Unknown device';
  return type ? `${main} (${type})` : main;
}

export const actorName = (actor: ActivityItem['actor']) => actor.name ?? actor.id ?? 'System';

/** Any value a field held, as short text: names over ids, JSON for the rest. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const { name, label, id } = value as Record<string, unknown>;
    const shown = name ?? label ?? id;
    if (typeof shown === 'string') return shown;
  }
  return JSON.stringify(value);
}

export type Subject =
  | { kind: 'record'; type: string; id: string; label: string; deleted: boolean }
  | { kind: 'url'; href: string; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

/** Only http(s) links are followed: a host could report `javascript:` as a page URL. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** What an event is about: a page view shows its URL; a record links to its Activity tab under its current name. */
export function subjectOf(item: Pick<ActivityItem, 'record' | 'url'>): Subject {
  if (item.url) {
    const href = safeHref(item.url);
    return href ? { kind: 'url', href, text: item.url } : { kind: 'text', text: item.url };
  }
  if (item.record) {
    const { type, id, label, deleted } = item.record;
    return { kind: 'record', type, id, label: label ?? `${type} ${id}`, deleted: deleted === true };
  }
  return { kind: 'none' };
}

const LEVELS: Record<string, 'info' | 'warning' | 'error'> = { success: 'info', warning: 'warning', failure: 'error' };

/** The level shown in the detail panel: info for a success, warning, error for a failure. */
export const levelOf = (result: string | null) => LEVELS[result ?? 'success'] ?? 'info';
