import type { DomainEvent } from '../decider';
import type { WorkspaceRole } from '../workspace/workspace-role';

export type AlertChannel = 'in_app' | 'email';
export type AlertResultFilter = 'success' | 'warning' | 'failure';

/** Which events raise the alert: any listed type or category, narrowed by result and actor when given. */
export interface AlertMatch {
  eventTypes: string[];
  categories: string[];
  result?: AlertResultFilter;
  actorId?: string;
}

/** A workspace rule alerts the members named or holding a role; a personal rule alerts its owner only. */
export type AlertScope = { kind: 'workspace'; userIds: string[]; roles: WorkspaceRole[] } | { kind: 'personal'; ownerId: string };

export interface AlertRuleDefinition {
  name: string;
  match: AlertMatch;
  channels: AlertChannel[];
}

export type AlertRuleCreated = DomainEvent<'AlertRuleCreated', AlertRuleDefinition & { ruleId: string; workspaceId: string; scope: AlertScope }>;
export type AlertRuleUpdated = DomainEvent<'AlertRuleUpdated', AlertRuleDefinition & { ruleId: string; scope: AlertScope }>;
export type AlertRuleEnabled = DomainEvent<'AlertRuleEnabled', { ruleId: string }>;
export type AlertRuleDisabled = DomainEvent<'AlertRuleDisabled', { ruleId: string }>;
export type AlertRuleDeleted = DomainEvent<'AlertRuleDeleted', { ruleId: string }>;

export type AlertRuleEvent = AlertRuleCreated | AlertRuleUpdated | AlertRuleEnabled | AlertRuleDisabled | AlertRuleDeleted;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const alertRuleEventTypes = Object.keys({
  AlertRuleCreated: true,
  AlertRuleUpdated: true,
  AlertRuleEnabled: true,
  AlertRuleDisabled: true,
  AlertRuleDeleted: true,
} satisfies Record<AlertRuleEvent['type'], true>) as AlertRuleEvent['type'][];
