import type { CatalogueSection } from './catalogue.types';

/** Files, exports, page views and host actions Trailmark has no specific event for. */
export const ACTIVITY_CATALOGUE = {
  FileUploaded: { category: 'Files', kind: 'write', label: 'Uploaded file' },
  FileDownloaded: { category: 'Files', kind: 'read', label: 'Downloaded file' },
  FileDeleted: { category: 'Files', kind: 'write', label: 'Deleted file' },
  FileAttached: { category: 'Files', kind: 'write', label: 'Attached file' },
  DataExported: { category: 'Exports', kind: 'read', label: 'Exported data' },
  PageViewed: { category: 'Browsing', kind: 'read', label: 'Viewed page' },
  // Displayed with hostActionLabel(data.action); this label is the fallback.
  ActivityRecorded: { category: 'Other', kind: 'write', label: 'Recorded activity' },
} as const satisfies CatalogueSection;

export type ActivityCatalogueEventType = keyof typeof ACTIVITY_CATALOGUE;

/** A readable label for a host action Trailmark has no event for: `invoice.paid_late` → "Invoice paid late". */
export function hostActionLabel(action: string): string {
  const words = action
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s._:/-]+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : ACTIVITY_CATALOGUE.ActivityRecorded.label;
}
