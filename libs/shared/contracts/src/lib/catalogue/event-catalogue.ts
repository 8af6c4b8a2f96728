import { ACTIVITY_CATALOGUE, hostActionLabel } from './activity.catalogue';
import { AUDIT_CATALOGUE } from './audit.catalogue';
import type { CatalogueEntry, CatalogueSection } from './catalogue.types';
import { IDENTITY_CATALOGUE } from './identity.catalogue';
import { NOTIFICATIONS_CATALOGUE } from './notifications.catalogue';
import { RECORDS_CATALOGUE } from './records.catalogue';
import { STREAMING_CATALOGUE } from './streaming.catalogue';
import { WORKSPACE_CATALOGUE } from './workspace.catalogue';

/** Every Trailmark event type → category, kind and plain-English label. */
export const EVENT_CATALOGUE: CatalogueSection = Object.freeze({
  ...IDENTITY_CATALOGUE,
  ...WORKSPACE_CATALOGUE,
  ...RECORDS_CATALOGUE,
  ...ACTIVITY_CATALOGUE,
  ...AUDIT_CATALOGUE,
  ...NOTIFICATIONS_CATALOGUE,
  ...STREAMING_CATALOGUE,
});

const UNKNOWN: CatalogueEntry = { category: 'Other', kind: 'write', label: 'Recorded activity' };

/**
 * The entry for an event, for display. Generic host activity is labelled from
 * its host action ("invoice.paid_late" → "Invoice paid late"); a type missing
 * from the catalogue falls back to Other rather than failing.
 */
export function describeEvent(type: string, data?: { action?: unknown }): CatalogueEntry {
  const entry = Object.hasOwn(EVENT_CATALOGUE, type) ? EVENT_CATALOGUE[type] : UNKNOWN;
  if (type === 'ActivityRecorded' && typeof data?.action === 'string') {
    return { ...entry, label: hostActionLabel(data.action) };
  }
  return entry;
}
