import type { Category } from '@trailmark/contracts';
import type { Role } from './api-types';

export type AlertChannel = 'in_app' | 'email';
export type AlertResult = 'success' | 'warning' | 'failure';

/** What the API takes to create or replace a rule. */
export interface AlertRuleInput {
  name: string;
  scope: 'workspace' | 'personal';
  recipients?: { userIds: string[]; roles: Role[] };
  match: { eventTypes: string[]; categories: Category[]; result?: AlertResult; actorId?: string };
  channels: AlertChannel[];
}

export interface AlertRule {
  ruleId: string;
  name: string;
  scope: 'workspace' | 'personal';
  ownerId: string | null;
  recipients: { userIds: string[]; roles: Role[] } | null;
  match: { eventTypes: string[]; categories: Category[]; result: AlertResult | null; actorId: string | null };
  channels: AlertChannel[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationItem {
  id: string;
  ruleId: string;
  ruleName: string;
  label: string;
  sourceEventId: string;
  sourceType: string;
  raisedAt: string;
  readAt: string | null;
}

export interface NotificationsPage {
  items: NotificationItem[];
  nextCursor: string | null;
  unread: number;
}

export interface ReadResult {
  read: number;
  unread: number;
}
