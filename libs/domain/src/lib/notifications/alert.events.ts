import type { DomainEvent } from '../decider';
import type { AlertChannel } from './alert-rule.events';

export const SECURITY_ALERT_KINDS = ['account_failure_burst', 'ip_failure_burst', 'new_ip', 'new_device', 'role_escalation', 'permission_granted', 'bulk_export'] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

/** Raised by the security reactor from a source event; `userId` is the member the alert is about, when one is. */
export type SecurityAlertRaised = DomainEvent<
  'SecurityAlertRaised',
  { alertId: string; kind: SecurityAlertKind; sourceEventId: string; userId: string | null; ip: string | null; summary: string }
>;

/** One recipient alerted by one rule about one event. */
export type AlertRaised = DomainEvent<
  'AlertRaised',
  {
    ruleId: string;
    ruleName: string;
    recipientId: string;
    recipientEmail: string | null;
    channels: AlertChannel[];
    sourceEventId: string;
    sourceType: string;
    label: string;
  }
>;
export type AlertEmailed = DomainEvent<'AlertEmailed', { alertEventId: string; recipientId: string; to: string; attempts: number }>;
export type AlertEmailFailed = DomainEvent<'AlertEmailFailed', { alertEventId: string; recipientId: string; to: string; attempts: number; reason: string }>;
/** Marking notifications read is recorded, so the in-app read model can be rebuilt from the log like every other. */
export type NotificationsRead = DomainEvent<'NotificationsRead', { recipientId: string; notificationIds: string[] }>;

export type AlertEvent = SecurityAlertRaised | AlertRaised | AlertEmailed | AlertEmailFailed | NotificationsRead;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const alertEventTypes = Object.keys({
  SecurityAlertRaised: true,
  AlertRaised: true,
  AlertEmailed: true,
  AlertEmailFailed: true,
  NotificationsRead: true,
} satisfies Record<AlertEvent['type'], true>) as AlertEvent['type'][];
