export const CATEGORIES = [
  'Auth',
  'Inbox',
  'Notes',
  'Teams',
  'Broadcasts',
  'Webhooks',
  'Workspace',
  'Impersonation',
  'Records',
  'Files',
  'Permissions',
  'Settings',
  'Exports',
  'Browsing',
  'Security',
  'Notifications',
  'Other',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** auth: sign-in and session events; write: changes; read: views, downloads, exports. */
export type EventKind = 'auth' | 'write' | 'read';

export interface CatalogueEntry {
  category: Category;
  kind: EventKind;
  /** Plain-English past-tense label shown to people: "Signed in", "Assigned conversation". */
  label: string;
}

/** Event type (PascalCase, past tense) → its entry. */
export type CatalogueSection = Readonly<Record<string, CatalogueEntry>>;
