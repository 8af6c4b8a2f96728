import type { EventKind } from '../api/api-types';

/** One colour per kind of event, shared by the volume bars and the split donut. */
export const KIND_COLOURS: Record<EventKind, string> = { auth: '#2563eb', write: '#059669', read: '#d97706' };
export const KIND_NAMES: Record<EventKind, string> = { auth: 'Sign-ins', write: 'Writes', read: 'Reads and other' };
export const CATEGORY_COLOUR = '#4f46e5';
export const TEXT_COLOUR = '#334155';

/** Tooltips drawn on the canvas: no HTML is built from data, and the CSP needs no inline styles. */
export const TOOLTIP = { renderMode: 'richText', confine: true } as const;
