import type { CatalogueSection } from './catalogue.types';

/**
 * What auditors do with the log itself. Replays and point-in-time views hand
 * the raw log (addresses, user agents, every field) to the caller, so they sit
 * with exports, where the audit log shows what left the workspace; verifying
 * and signing change nothing and disclose nothing, so they are Other.
 */
export const AUDIT_CATALOGUE = {
  StreamReplayed: { category: 'Exports', kind: 'read', label: 'Replayed stream' },
  TimeWindowReplayed: { category: 'Exports', kind: 'read', label: 'Replayed workspace events' },
  PointInTimeViewed: { category: 'Exports', kind: 'read', label: 'Viewed past state' },
  EvidenceExported: { category: 'Exports', kind: 'read', label: 'Exported evidence bundle' },
  IntegrityVerified: { category: 'Other', kind: 'read', label: 'Verified integrity' },
  IntegrityCheckpointSigned: { category: 'Other', kind: 'write', label: 'Signed integrity checkpoint' },
} as const satisfies CatalogueSection;

export type AuditCatalogueEventType = keyof typeof AUDIT_CATALOGUE;
