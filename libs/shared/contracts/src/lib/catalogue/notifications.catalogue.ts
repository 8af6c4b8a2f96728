import type { CatalogueSection } from './catalogue.types';

/**
 * Alert rules, the alerts they raise and how they were delivered. Security
 * alerts sit under Security, so a rule can match them by category as well as
 * by type.
 */
export const NOTIFICATIONS_CATALOGUE = {
  AlertRuleCreated: { category: 'Notifications', kind: 'write', label: 'Alert rule created' },
  AlertRuleUpdated: { category: 'Notifications', kind: 'write', label: 'Alert rule updated' },
  AlertRuleEnabled: { category: 'Notifications', kind: 'write', label: 'Alert rule enabled' },
  AlertRuleDisabled: { category: 'Notifications', kind: 'write', label: 'Alert rule disabled' },
  AlertRuleDeleted: { category: 'Notifications', kind: 'write', label: 'Alert rule deleted' },
  AlertRaised: { category: 'Notifications', kind: 'write', label: 'Alert raised' },
  AlertEmailed: { category: 'Notifications', kind: 'write', label: 'Alert emailed' },
  AlertEmailFailed: { category: 'Notifications', kind: 'write', label: 'Alert email failed' },
  NotificationsRead: { category: 'Notifications', kind: 'write', label: 'Notifications marked read' },
  SecurityAlertRaised: { category: 'Security', kind: 'write', label: 'Security alert raised' },
} as const satisfies CatalogueSection;

export type NotificationsCatalogueEventType = keyof typeof NOTIFICATIONS_CATALOGUE;

/** Event types the alert reactors write; rules never match them, so an alert cannot raise another. */
export const NOTIFICATION_EVENT_TYPES: readonly string[] = Object.keys(NOTIFICATIONS_CATALOGUE).filter((type) => type !== 'SecurityAlertRaised');

/** Labels of the security alert kinds, for lists and mail subjects. */
export const SECURITY_ALERT_LABELS: Readonly<Record<string, string>> = {
  account_failure_burst: 'Security alert: repeated failed sign-ins',
  ip_failure_burst: 'Security alert: repeated failed sign-ins from one IP',
  new_ip: 'Security alert: sign-in from a new IP',
  new_device: 'Security alert: sign-in from a new device',
  role_escalation: 'Security alert: role escalated',
  permission_granted: 'Security alert: permissions granted',
  bulk_export: 'Security alert: bulk export',
};

/** The label of an event as an alert shows it: a security alert by its kind. */
export function alertLabel(type: string, data: unknown, fallback: string): string {
  const kind = (data as { kind?: unknown } | null)?.kind;
  return type === 'SecurityAlertRaised' && typeof kind === 'string' ? (SECURITY_ALERT_LABELS[kind] ?? fallback) : fallback;
}
